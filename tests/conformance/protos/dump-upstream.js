#!/usr/bin/env node
// Prints, as JSON on stdout, the shape of Hyperledger Fabric's upstream protocol definitions as the official
// npm packages ship them, so that tests/Fabric.Protos.Tests can compare our compiled .proto files with them:
//
//   "fabricProtos22":  parsed from the .proto sources in fabric-protos@2.2.20 (full type information);
//   "fabricProtos25":  read from the code that @hyperledger/fabric-protos generates from the current
//                      hyperledger/fabric-protos definitions (Fabric v2.5 and later, including gateway.proto),
//                      which ships no .proto files: field numbers, wire types and labels come from each
//                      message's deserializeBinaryFromReader, enum values from the exported enum objects and
//                      service paths from the *_grpc_pb.js service definitions.
//
// Shape of each source: { messages: { "<pkg.Message>": [ { name, number, type, typeName, label } ] },
//                         enums: { "<pkg.Enum>": { NAME: number } },
//                         services: { "<pkg.Service>": { "<Method>": { request, response, requestStream, responseStream } } } }
// `name` is the .proto field name in fabricProtos22; in fabricProtos25, where only generated accessors are
// available, it is lower case without underscores (compare it with a name normalized the same way).
'use strict';

const fs = require('fs');
const path = require('path');

const modulesRoot = path.join(__dirname, '..', 'node_modules');

function normalizeName(name) {
    return name.replace(/[_$]/g, '').toLowerCase();
}

function fromProtoSources() {
    const protobuf = require(path.join(modulesRoot, 'protobufjs'));
    const protoRoot = path.join(modulesRoot, 'fabric-protos', 'protos');
    const googleRoot = path.join(modulesRoot, 'fabric-protos', 'google-protos');
    const files = [];
    (function walk(dir) {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) walk(full);
            else if (entry.name.endsWith('.proto')) files.push(path.relative(protoRoot, full));
        }
    })(protoRoot);

    const root = new protobuf.Root();
    root.resolvePath = (origin, target) => {
        for (const base of [protoRoot, googleRoot]) {
            const candidate = path.join(base, target);
            if (fs.existsSync(candidate)) return candidate;
        }
        return protobuf.util.path.resolve(origin, target);
    };
    root.loadSync(files.map(f => path.join(protoRoot, f)), { keepCase: true });
    root.resolveAll();

    const result = { messages: {}, enums: {}, services: {} };
    (function visit(ns) {
        for (const nested of ns.nestedArray || []) {
            const fullName = nested.fullName.replace(/^\./, '');
            if (fullName.startsWith('google.')) continue;
            if (nested instanceof protobuf.Type) {
                result.messages[fullName] = nested.fieldsArray.map(field => {
                    let type = field.type;
                    let typeName = null;
                    if (field.resolvedType instanceof protobuf.Type) {
                        type = 'message';
                        typeName = field.resolvedType.fullName.replace(/^\./, '');
                    } else if (field.resolvedType instanceof protobuf.Enum) {
                        type = 'enum';
                        typeName = field.resolvedType.fullName.replace(/^\./, '');
                    }
                    const label = field.map ? 'map' : field.repeated ? 'repeated' : 'optional';
                    return {
                        name: field.name, number: field.id, type, typeName, label,
                        keyType: field.map ? field.keyType : null,
                    };
                });
            } else if (nested instanceof protobuf.Enum) {
                result.enums[fullName] = { ...nested.values };
            } else if (nested instanceof protobuf.Service) {
                const methods = {};
                for (const method of nested.methodsArray) {
                    methods[method.name] = {
                        request: method.resolvedRequestType.fullName.replace(/^\./, ''),
                        response: method.resolvedResponseType.fullName.replace(/^\./, ''),
                        requestStream: !!method.requestStream,
                        responseStream: !!method.responseStream,
                    };
                }
                result.services[fullName] = methods;
            }
            if (nested.nestedArray) visit(nested);
        }
    })(root);
    return result;
}

// Maps the jspb BinaryReader method a generated reader calls to the .proto scalar type.
const readerTypes = {
    readString: 'string', readBytes: 'bytes', readBool: 'bool', readEnum: 'enum', readMessage: 'message',
    readInt32: 'int32', readInt64: 'int64', readInt64String: 'int64', readUint32: 'uint32', readUint64: 'uint64',
    readUint64String: 'uint64', readSint32: 'sint32', readSint64: 'sint64', readFixed32: 'fixed32',
    readFixed64: 'fixed64', readSfixed32: 'sfixed32', readSfixed64: 'sfixed64', readDouble: 'double', readFloat: 'float',
    readPackedUint64: 'uint64', readPackedInt64: 'int64', readPackedUint32: 'uint32', readPackedInt32: 'int32',
    readPackedEnum: 'enum', readPackedBool: 'bool',
};

function fromGeneratedCode() {
    const libRoot = path.join(modulesRoot, '@hyperledger', 'fabric-protos', 'lib');
    const result = { messages: {}, enums: {}, services: {} };
    const files = [];
    (function walk(dir) {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) walk(full);
            else if (entry.name.endsWith('.js')) files.push(full);
        }
    })(libRoot);

    for (const file of files) {
        const source = fs.readFileSync(file, 'utf8');
        if (file.endsWith('_grpc_pb.js')) {
            readServices(source, result);
        } else if (file.endsWith('_pb.js')) {
            readMessages(source, result);
            readEnums(source, result);
        }
    }
    return result;
}

function readMessages(source, result) {
    const readerPattern = /^proto\.([\w.]+)\.deserializeBinaryFromReader = function\(msg, reader\) \{\n([\s\S]*?)\n\};/gm;
    for (const match of source.matchAll(readerPattern)) {
        const messageName = match[1];
        if (messageName.startsWith('google.')) continue;
        const fields = [];
        const cases = match[2].split(/\n\s+case (\d+):\n/).slice(1);
        for (let i = 0; i < cases.length; i += 2) {
            const number = Number(cases[i]);
            const body = cases[i + 1];
            const accessor = /msg\.(set|add|get)([\w$]+?)(Map)?\((?:value|values\[i\])?\)/.exec(body);
            if (!accessor) throw new Error(`cannot read field ${number} of ${messageName}`);
            const isMap = accessor[3] === 'Map';
            const label = isMap ? 'map' : accessor[1] === 'add' ? 'repeated' : 'optional';
            let type;
            let typeName = null;
            let keyType = null;
            if (isMap) {
                const mapReaders = /jspb\.BinaryReader\.prototype\.(\w+), jspb\.BinaryReader\.prototype\.(\w+)(?:, ([\w.]+)\.deserializeBinaryFromReader)?/.exec(body);
                keyType = readerTypes[mapReaders[1]];
                type = readerTypes[mapReaders[2]];
                if (mapReaders[3]) typeName = mapReaders[3].replace(/^proto\./, '');
            } else {
                const reader = /reader\.(read\w+)\(/.exec(body);
                type = readerTypes[reader[1]];
                if (!type) throw new Error(`unknown reader ${reader[1]} in ${messageName}`);
                const messageType = /new ([\w.]+);/.exec(body);
                if (type === 'message' && messageType) typeName = messageType[1].replace(/^proto\./, '').replace(/^\w+_pb\./, '');
            }
            fields.push({ name: normalizeName(accessor[2]), number, type, typeName, label, keyType });
        }
        result.messages[messageName] = fields;
    }
}

function readEnums(source, result) {
    const enumPattern = /^proto\.([\w.]+) = \{\n((?:\s+\w+: -?\d+,?\n)+)\};/gm;
    for (const match of source.matchAll(enumPattern)) {
        if (match[1].startsWith('google.')) continue;
        const values = {};
        for (const value of match[2].matchAll(/(\w+): (-?\d+)/g)) values[value[1]] = Number(value[2]);
        result.enums[match[1]] = values;
    }
}

function readServices(source, result) {
    const methodPattern = /path: '\/([\w.]+)\/(\w+)',\n\s+requestStream: (true|false),\n\s+responseStream: (true|false),\n\s+requestType: ([\w.]+),\n\s+responseType: ([\w.]+),/g;
    for (const match of source.matchAll(methodPattern)) {
        const service = (result.services[match[1]] ??= {});
        service[match[2]] = {
            request: match[5].replace(/^\w+_pb\./, ''),
            response: match[6].replace(/^\w+_pb\./, ''),
            requestStream: match[3] === 'true',
            responseStream: match[4] === 'true',
        };
    }
}

process.stdout.write(JSON.stringify({ fabricProtos22: fromProtoSources(), fabricProtos25: fromGeneratedCode() }, null, 1));
