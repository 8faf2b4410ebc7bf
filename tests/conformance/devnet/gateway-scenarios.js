'use strict';
// Runs the official Node client @hyperledger/fabric-gateway, unchanged, against a running dev network, through
// scenarios modelled on hyperledger/fabric-gateway's acceptance suite (transactions, chaincode events, block events,
// private data with transient data, errors, offline signing). Prints one JSON object with what it observed; the .NET
// test that started the network asserts on it.
// Usage: node devnet/gateway-scenarios.js <config.json>
// config: { peerAddress, tlsCaPath, mspId, certPath, keyPath, channel, chaincode }
const crypto = require('node:crypto');
const fs = require('node:fs');
const grpc = require('@grpc/grpc-js');
const { connect, hash, signers } = require('@hyperledger/fabric-gateway');

const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const utf8 = (bytes) => Buffer.from(bytes).toString('utf8');
const deadline = () => ({ deadline: Date.now() + 15000 });

function describeError(e) {
    return {
        name: e.constructor.name,
        code: e.code,
        message: e.message,
        details: (e.details || []).map((d) => ({ address: d.address, mspId: d.mspId, message: d.message })),
    };
}

async function firstOf(iterable, predicate) {
    try {
        for await (const item of iterable) {
            if (predicate(item)) {
                return item;
            }
        }
    } finally {
        iterable.close();
    }
    return undefined;
}

async function main() {
    const client = new grpc.Client(config.peerAddress, grpc.credentials.createSsl(fs.readFileSync(config.tlsCaPath)));
    const identity = { mspId: config.mspId, credentials: fs.readFileSync(config.certPath) };
    const privateKey = crypto.createPrivateKey(fs.readFileSync(config.keyPath));
    const sign = signers.newPrivateKeySigner(privateKey);
    const options = {
        client, identity, hash: hash.sha256,
        evaluateOptions: deadline, endorseOptions: deadline, submitOptions: deadline, commitStatusOptions: deadline,
    };
    const gateway = connect({ ...options, signer: sign });
    const results = {};
    try {
        const network = gateway.getNetwork(config.channel);
        const contract = network.getContract(config.chaincode);

        // Transactions: submit, then evaluate what was written.
        results.submitResult = utf8(await contract.submitTransaction('put', 'node-asset', 'green'));
        results.evaluateResult = utf8(await contract.evaluateTransaction('get', 'node-asset'));

        // Chaincode events, read from the block the transaction committed in.
        const commit = await contract.submitAsync('put', { arguments: ['node-event', 'E1'] });
        const status = await commit.getStatus();
        results.commitStatus = { code: status.code, successful: status.successful, blockNumber: status.blockNumber.toString() };
        const events = await network.getChaincodeEvents(config.chaincode, { startBlock: status.blockNumber });
        const event = await firstOf(events, (e) => e.transactionId === commit.getTransactionId());
        results.chaincodeEvent = { name: event.eventName, payload: utf8(event.payload), blockNumber: event.blockNumber.toString() };

        // Block events: full blocks (checking each block's data hash), filtered blocks, blocks with private data.
        const blocks = await network.getBlockEvents({ startBlock: BigInt(0) });
        const dataHashes = [];
        await firstOf(blocks, (block) => {
            const data = Buffer.concat(block.getData().getDataList_asU8().map((d) => Buffer.from(d)));
            const expected = crypto.createHash('sha256').update(data).digest('hex');
            dataHashes.push(Buffer.from(block.getHeader().getDataHash_asU8()).toString('hex') === expected);
            return block.getHeader().getNumber() >= Number(status.blockNumber);
        });
        results.blockDataHashesMatch = dataHashes;
        const filtered = await network.getFilteredBlockEvents({ startBlock: status.blockNumber });
        const filteredBlock = await firstOf(filtered, () => true);
        const filteredTx = filteredBlock.getFilteredTransactionsList().find((t) => t.getTxid() === commit.getTransactionId());
        results.filteredTransaction = { validationCode: filteredTx.getTxValidationCode() };

        // Private data: transient data to the chaincode, read back by evaluate.
        const privateCommit = await contract.submitAsync('putPrivate', { arguments: ['sharedCollection', 'node-secret'], transientData: { value: 'hush' } });
        const privateStatus = await privateCommit.getStatus();
        results.privateResult = utf8(await contract.evaluateTransaction('getPrivate', 'sharedCollection', 'node-secret'));
        const withPrivate = await network.getBlockAndPrivateDataEvents({ startBlock: privateStatus.blockNumber });
        const blockAndPrivate = await firstOf(withPrivate, () => true);
        const collections = [];
        blockAndPrivate.getPrivateDataMapMap().forEach((txPvt) => {
            txPvt.getNsPvtRwsetList().forEach((ns) => ns.getCollectionPvtRwsetList().forEach((c) => collections.push(`${ns.getNamespace()}/${c.getCollectionName()}`)));
        });
        results.privateDataCollections = collections;
        results.privateInBlock = Buffer.from(blockAndPrivate.getBlock().serializeBinary()).includes(Buffer.from('hush'));

        // Errors as Fabric's gateway returns them.
        try {
            await contract.evaluateTransaction('fail');
        } catch (e) {
            results.evaluateError = describeError(e);
        }
        try {
            await contract.submitTransaction('fail');
        } catch (e) {
            results.endorseError = describeError(e);
        }
        try {
            await network.getContract('no-such-chaincode').evaluateTransaction('get', 'x');
        } catch (e) {
            results.unknownChaincodeError = describeError(e);
        }

        // MVCC: two endorsements over the same read, both submitted; the second commits with MVCC_READ_CONFLICT.
        const first = await contract.newProposal('put', { arguments: ['node-mvcc', '1'] }).endorse();
        const second = await contract.newProposal('put', { arguments: ['node-mvcc', '2'] }).endorse();
        const firstCommit = await first.submit();
        const secondCommit = await second.submit();
        results.mvccCodes = [(await firstCommit.getStatus()).code, (await secondCommit.getStatus()).code];
        try {
            await contract.submitTransaction('put', 'node-mvcc', '3');
            const again = await contract.newProposal('put', { arguments: ['node-mvcc', '4'] }).endorse();
            await contract.submitTransaction('put', 'node-mvcc', '5');
            await again.submit().then((c) => c.getStatus()).then((s) => { results.mvccSubmitStatus = s.code; });
        } catch (e) {
            results.mvccError = describeError(e);
        }

        // Offline signing: a gateway without a signer; every signature made separately over the digest.
        const offline = connect(options);
        try {
            const offlineContract = offline.getNetwork(config.channel).getContract(config.chaincode);
            const unsigned = offlineContract.newProposal('put', { arguments: ['node-offline', 'signed-elsewhere'] });
            const proposal = offline.newSignedProposal(unsigned.getBytes(), await sign(unsigned.getDigest()));
            const unsignedTx = await proposal.endorse();
            const transaction = offline.newSignedTransaction(unsignedTx.getBytes(), await sign(unsignedTx.getDigest()));
            const unsignedCommit = await transaction.submit();
            const signedCommit = offline.newSignedCommit(unsignedCommit.getBytes(), await sign(unsignedCommit.getDigest()));
            results.offlineStatus = (await signedCommit.getStatus()).code;
        } finally {
            offline.close();
        }
        results.offlineResult = utf8(await contract.evaluateTransaction('get', 'node-offline'));
    } finally {
        gateway.close();
        client.close();
    }

    process.stdout.write(JSON.stringify(results));
}

main().catch((e) => {
    process.stderr.write(`${e.stack || e}\n${JSON.stringify(describeError(e))}\n`);
    process.exit(1);
});
