'use strict';

// A contract written against the official fabric-contract-api, exercising what the dev network's peer must serve:
// state, range queries with pagination, composite keys, private data (with transient input), hashes, purge,
// history, events, chaincode-to-chaincode calls and errors. Results are returned as JSON for the .NET test to check.

const { Contract } = require('fabric-contract-api');

const text = (bytes) => Buffer.from(bytes).toString('utf8');

// Walks a shim iterator with next()/close(), as chaincode written for fabric-shim 2.x does.
async function drain(iterator, map) {
    const results = [];
    let result = await iterator.next();
    while (!result.done) {
        results.push(map(result.value));
        result = await iterator.next();
    }
    await iterator.close();
    return results;
}

const collect = (iterator) => drain(iterator, (entry) => ({ key: entry.key, value: text(entry.value) }));

class AssetContract extends Contract {
    constructor() {
        super('asset');
    }

    async Put(ctx, key, value) {
        await ctx.stub.putState(key, Buffer.from(value));
    }

    async Get(ctx, key) {
        const value = await ctx.stub.getState(key);
        return value.length === 0 ? '<missing>' : text(value);
    }

    async Delete(ctx, key) {
        await ctx.stub.deleteState(key);
    }

    async PutMany(ctx, prefix, count) {
        for (let i = 0; i < Number(count); i++) {
            await ctx.stub.putState(`${prefix}${String(i).padStart(4, '0')}`, Buffer.from(`v${i}`));
        }
    }

    async Range(ctx, startKey, endKey) {
        return JSON.stringify(await collect(await ctx.stub.getStateByRange(startKey, endKey)));
    }

    async RangePage(ctx, startKey, endKey, pageSize, bookmark) {
        const { iterator, metadata } = await ctx.stub.getStateByRangeWithPagination(startKey, endKey, Number(pageSize), bookmark);
        const results = await collect(iterator);
        return JSON.stringify({ results, bookmark: metadata.bookmark, fetched: metadata.fetchedRecordsCount });
    }

    async PutOwned(ctx, owner, id, value) {
        await ctx.stub.putState(ctx.stub.createCompositeKey('owned', [owner, id]), Buffer.from(value));
    }

    async ByOwner(ctx, owner) {
        const iterator = await ctx.stub.getStateByPartialCompositeKey('owned', [owner]);
        const ids = await drain(iterator, (entry) => {
            const { attributes } = ctx.stub.splitCompositeKey(entry.key);
            return `${attributes[1]}=${text(entry.value)}`;
        });
        return JSON.stringify(ids);
    }

    async PutPrivate(ctx, collection, key) {
        const value = ctx.stub.getTransient().get('value');
        if (!value) {
            throw new Error('the value must be passed in the transient field "value"');
        }
        await ctx.stub.putPrivateData(collection, key, value);
    }

    async GetPrivate(ctx, collection, key) {
        const value = await ctx.stub.getPrivateData(collection, key);
        return value.length === 0 ? '<missing>' : text(value);
    }

    async GetPrivateHash(ctx, collection, key) {
        return Buffer.from(await ctx.stub.getPrivateDataHash(collection, key)).toString('hex');
    }

    async PrivateRange(ctx, collection, startKey, endKey) {
        // fabric-shim resolves this one to { iterator } rather than to the iterator itself.
        const result = await ctx.stub.getPrivateDataByRange(collection, startKey, endKey);
        return JSON.stringify(await collect(result.iterator ?? result));
    }

    async PurgePrivate(ctx, collection, key) {
        await ctx.stub.purgePrivateData(collection, key);
    }

    async History(ctx, key) {
        const iterator = await ctx.stub.getHistoryForKey(key);
        const entries = await drain(iterator, (entry) => ({ txId: entry.txId, value: text(entry.value), isDelete: entry.isDelete }));
        return JSON.stringify(entries);
    }

    async Emit(ctx, name, payload) {
        ctx.stub.setEvent(name, Buffer.from(payload));
        return 'emitted';
    }

    async Call(ctx, chaincodeName, fn, arg) {
        const response = await ctx.stub.invokeChaincode(chaincodeName, [fn, arg], '');
        return JSON.stringify({ status: response.status, payload: text(response.payload) });
    }

    async CallOnChannel(ctx, chaincodeName, channel, fn, argsJson) {
        const response = await ctx.stub.invokeChaincode(chaincodeName, [fn, ...JSON.parse(argsJson)], channel);
        return JSON.stringify({ status: response.status, message: response.message, payload: text(response.payload) });
    }

    async CallAndPut(ctx, chaincodeName, key, value) {
        await ctx.stub.putState(key, Buffer.from(value));
        const response = await ctx.stub.invokeChaincode(chaincodeName, ['asset:Put', key, `${value}-callee`], '');
        return String(response.status);
    }

    async Identity(ctx) {
        return JSON.stringify({ peer: ctx.stub.getMspID(), creator: ctx.clientIdentity.getMSPID(), channel: ctx.stub.getChannelID() });
    }

    async RichQuery(ctx, query) {
        return JSON.stringify(await collect(await ctx.stub.getQueryResult(query)));
    }

    async Fail(ctx, message) {
        throw new Error(message);
    }
}

module.exports.contracts = [AssetContract];
