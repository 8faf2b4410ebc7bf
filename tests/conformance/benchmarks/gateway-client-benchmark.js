'use strict';
// Runs the gateway-client benchmark workload with the official Node client (@hyperledger/fabric-gateway) against a
// peer address given on the command line, and prints the figures as one JSON object on stdout.
//
//   node benchmarks/gateway-client-benchmark.js --address 127.0.0.1:7051 --msp Org1MSP \
//       --cert user.pem --key user.key [--seconds 5] [--warmup 1] [--concurrency 16]
//
// Workloads (the same as tests/Fabric.Gateway.Client.Benchmarks):
//   proposalSign      build a proposal with two arguments and sign its digest (no network)
//   evaluate          one evaluate round trip at a time
//   submit            one full submit (endorse, sign, submit, commit status) at a time
//   submitConcurrent  full submits with --concurrency in flight

const crypto = require('node:crypto');
const fs = require('node:fs');
const grpc = require('@grpc/grpc-js');
const { connect, signers } = require('@hyperledger/fabric-gateway');

function parseArguments(argv) {
    const result = { seconds: 5, warmup: 1, concurrency: 16, channel: 'mychannel', chaincode: 'basic' };
    for (let i = 2; i < argv.length; i += 2) {
        result[argv[i].replace(/^--/, '')] = argv[i + 1];
    }
    for (const required of ['address', 'msp', 'cert', 'key']) {
        if (!result[required]) {
            throw new Error(`--${required} is required`);
        }
    }
    result.seconds = Number(result.seconds);
    result.warmup = Number(result.warmup);
    result.concurrency = Number(result.concurrency);
    return result;
}

// Runs `operation` repeatedly for `warmup` seconds, then for `seconds`, and returns operations per second.
async function measure(seconds, warmup, operation) {
    const warmupEnd = Date.now() + warmup * 1000;
    while (Date.now() < warmupEnd) {
        await operation();
    }
    let count = 0;
    const start = process.hrtime.bigint();
    const end = start + BigInt(Math.round(seconds * 1e9));
    let now = start;
    while (now < end) {
        await operation();
        count++;
        now = process.hrtime.bigint();
    }
    return count / (Number(now - start) / 1e9);
}

async function measureConcurrent(seconds, warmup, concurrency, operation) {
    const batch = () => Promise.all(Array.from({ length: concurrency }, () => operation()));
    return concurrency * (await measure(seconds, warmup, batch));
}

async function main() {
    const options = parseArguments(process.argv);
    const client = new grpc.Client(options.address, grpc.credentials.createInsecure());
    const gateway = connect({
        client,
        identity: { mspId: options.msp, credentials: fs.readFileSync(options.cert) },
        signer: signers.newPrivateKeySigner(crypto.createPrivateKey(fs.readFileSync(options.key))),
        evaluateOptions: () => ({ deadline: Date.now() + 5000 }),
        endorseOptions: () => ({ deadline: Date.now() + 15000 }),
        submitOptions: () => ({ deadline: Date.now() + 5000 }),
        commitStatusOptions: () => ({ deadline: Date.now() + 60000 }),
    });
    const signer = signers.newPrivateKeySigner(crypto.createPrivateKey(fs.readFileSync(options.key)));

    try {
        const contract = gateway.getNetwork(options.channel).getContract(options.chaincode);
        const results = {
            client: '@hyperledger/fabric-gateway ' + require('@hyperledger/fabric-gateway/package.json').version,
            node: process.version,
        };

        results.proposalSign = await measure(options.seconds, options.warmup, async () => {
            const proposal = contract.newProposal('CreateAsset', { arguments: ['asset1', 'blue'] });
            await signer(proposal.getDigest());
        });
        results.evaluate = await measure(options.seconds, options.warmup, () =>
            contract.evaluate('ReadAsset', { arguments: ['asset1'] }));
        results.submit = await measure(options.seconds, options.warmup, () =>
            contract.submit('CreateAsset', { arguments: ['asset1', 'blue'] }));
        results.submitConcurrent = await measureConcurrent(options.seconds, options.warmup, options.concurrency, () =>
            contract.submit('CreateAsset', { arguments: ['asset1', 'blue'] }));

        process.stdout.write(JSON.stringify(results) + '\n');
    } finally {
        gateway.close();
        client.close();
    }
}

main().catch((err) => {
    process.stderr.write(String(err && err.stack ? err.stack : err) + '\n');
    process.exit(1);
});
