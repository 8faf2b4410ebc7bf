#!/usr/bin/env node
// Serializes the messages that Fabric clients sign, with fixed inputs, using the official generated code of
// @hyperledger/fabric-protos, and prints {"txId": "<derived tx ID>", "<case>": "<hex>", ...} as JSON. tests/Fabric.Protos.Tests builds the same
// messages with our .NET types and must produce exactly these bytes: signatures are computed over them, so a
// single differing byte makes a real peer reject the transaction.
//
// Regenerate the committed copy with:
//   node tests/conformance/protos/golden-bytes.js > tests/Fabric.Protos.Tests/Golden/signed-messages.json
'use strict';

const crypto = require('crypto');
const { common, msp, peer, gateway, orderer } = require('@hyperledger/fabric-protos');
const { Timestamp } = require('google-protobuf/google/protobuf/timestamp_pb');

// Inputs shared with GoldenInputs.cs.
const nonce = Uint8Array.from({ length: 24 }, (_, i) => i + 1);
const certificatePem = '-----BEGIN CERTIFICATE-----\nMIIBgoldenCertificateForWireTests\n-----END CERTIFICATE-----\n';
const mspId = 'Org1MSP';
const channelName = 'mychannel';
const chaincodeName = 'basic';
const signature = Uint8Array.from({ length: 8 }, (_, i) => 0xa0 + i);

const hex = bytes => Buffer.from(bytes).toString('hex');
const utf8 = text => new Uint8Array(Buffer.from(text, 'utf8'));

const creator = new msp.SerializedIdentity();
creator.setMspid(mspId);
creator.setIdBytes(utf8(certificatePem));
const creatorBytes = creator.serializeBinary();

// Fabric's rule: transaction ID = lowercase hex of SHA-256(nonce || serialized creator).
const txId = crypto.createHash('sha256').update(Buffer.concat([nonce, creatorBytes])).digest('hex');

const signatureHeader = new common.SignatureHeader();
signatureHeader.setCreator(creatorBytes);
signatureHeader.setNonce(nonce);

const chaincodeId = new peer.ChaincodeID();
chaincodeId.setName(chaincodeName);
const headerExtension = new peer.ChaincodeHeaderExtension();
headerExtension.setChaincodeId(chaincodeId);

const timestamp = new Timestamp();
timestamp.setSeconds(1700000000);
timestamp.setNanos(123456789);

const channelHeader = new common.ChannelHeader();
channelHeader.setType(common.HeaderType.ENDORSER_TRANSACTION);
channelHeader.setTxId(txId);
channelHeader.setTimestamp(timestamp);
channelHeader.setChannelId(channelName);
channelHeader.setExtension$(headerExtension.serializeBinary());

const header = new common.Header();
header.setChannelHeader(channelHeader.serializeBinary());
header.setSignatureHeader(signatureHeader.serializeBinary());

const input = new peer.ChaincodeInput();
input.setArgsList([utf8('CreateAsset'), utf8('asset1'), utf8('blue')]);
const spec = new peer.ChaincodeSpec();
spec.setType(peer.ChaincodeSpec.Type.NODE);
spec.setChaincodeId(chaincodeId);
spec.setInput(input);
const invocationSpec = new peer.ChaincodeInvocationSpec();
invocationSpec.setChaincodeSpec(spec);

const proposalPayload = new peer.ChaincodeProposalPayload();
proposalPayload.setInput(invocationSpec.serializeBinary());
proposalPayload.getTransientmapMap().set('price', utf8('{"amount":100}'));

const proposal = new peer.Proposal();
proposal.setHeader(header.serializeBinary());
proposal.setPayload(proposalPayload.serializeBinary());

const signedProposal = new peer.SignedProposal();
signedProposal.setProposalBytes(proposal.serializeBinary());
signedProposal.setSignature(signature);

const payload = new common.Payload();
payload.setHeader(header);
payload.setData(utf8('transaction'));

const envelope = new common.Envelope();
envelope.setPayload(payload.serializeBinary());
envelope.setSignature(signature);

const commitStatusRequest = new gateway.CommitStatusRequest();
commitStatusRequest.setTransactionId(txId);
commitStatusRequest.setChannelId(channelName);
commitStatusRequest.setIdentity(creatorBytes);

const signedCommitStatusRequest = new gateway.SignedCommitStatusRequest();
signedCommitStatusRequest.setRequest(commitStatusRequest.serializeBinary());
signedCommitStatusRequest.setSignature(signature);

const specified = new orderer.SeekSpecified();
specified.setNumber(5);
const startPosition = new orderer.SeekPosition();
startPosition.setSpecified(specified);
const eventsRequest = new gateway.ChaincodeEventsRequest();
eventsRequest.setChannelId(channelName);
eventsRequest.setChaincodeId(chaincodeName);
eventsRequest.setIdentity(creatorBytes);
eventsRequest.setStartPosition(startPosition);
eventsRequest.setAfterTransactionId(txId);

const stopPosition = new orderer.SeekPosition();
stopPosition.setNewest(new orderer.SeekNewest());
const seekInfo = new orderer.SeekInfo();
seekInfo.setStart(startPosition);
seekInfo.setStop(stopPosition);
seekInfo.setBehavior(orderer.SeekInfo.SeekBehavior.FAIL_IF_NOT_READY);

const getState = new peer.GetState();
getState.setKey('asset1');
getState.setCollection('_implicit_org_Org1MSP');
const chaincodeMessage = new peer.ChaincodeMessage();
chaincodeMessage.setType(peer.ChaincodeMessage.Type.GET_STATE);
chaincodeMessage.setPayload(getState.serializeBinary());
chaincodeMessage.setTxid(txId);
chaincodeMessage.setChannelId(channelName);

const cases = {
    serializedIdentity: creatorBytes,
    signatureHeader: signatureHeader.serializeBinary(),
    channelHeader: channelHeader.serializeBinary(),
    header: header.serializeBinary(),
    chaincodeProposalPayload: proposalPayload.serializeBinary(),
    proposal: proposal.serializeBinary(),
    signedProposal: signedProposal.serializeBinary(),
    payload: payload.serializeBinary(),
    envelope: envelope.serializeBinary(),
    commitStatusRequest: commitStatusRequest.serializeBinary(),
    signedCommitStatusRequest: signedCommitStatusRequest.serializeBinary(),
    chaincodeEventsRequest: eventsRequest.serializeBinary(),
    seekInfo: seekInfo.serializeBinary(),
    chaincodeMessage: chaincodeMessage.serializeBinary(),
};

const output = { txId };
for (const [name, bytes] of Object.entries(cases)) output[name] = hex(bytes);
process.stdout.write(JSON.stringify(output, null, 2) + '\n');
