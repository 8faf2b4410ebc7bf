'use strict';
// Computes reference values with the official fabric-shim package, for comparison with the .NET shim:
// composite keys, key-level endorsement policies and Fabric CA attributes of a client identity.
// Input: one JSON request as the first argument. Output: one JSON document on stdout.
const { ChaincodeStub, KeyEndorsementPolicy, ClientIdentity } = require('fabric-shim');

const request = JSON.parse(process.argv[2]);
const result = {};

if (request.compositeKeys) {
    result.compositeKeys = request.compositeKeys.map(({ objectType, attributes }) =>
        Buffer.from(ChaincodeStub.prototype.createCompositeKey.call({}, objectType, attributes), 'utf8').toString('hex'));
}

if (request.policy) {
    const policy = new KeyEndorsementPolicy();
    for (const { role, mspIds } of request.policy) {
        policy.addOrgs(role, ...mspIds);
    }
    result.policy = Buffer.from(policy.getPolicy()).toString('hex');
}

if (request.identity) {
    const { mspId, certificatePem } = request.identity;
    const stub = {
        getCreator: () => ({ mspid: mspId, idBytes: Buffer.from(certificatePem, 'utf8') }),
    };
    const identity = new ClientIdentity(stub);
    result.identity = {
        mspId: identity.getMSPID(),
        attrs: identity.attrs,
        nodeId: identity.getID(),
    };
}

process.stdout.write(JSON.stringify(result));
