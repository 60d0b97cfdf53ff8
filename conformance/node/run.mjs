// The official openai npm client against the openaitest emulator.
//
//   node run.mjs <baseURL ending in /v1> [--no-assistants-stream]
//
// Runs full tool-calling flows on both protocols, polled and streamed, with
// the client's own helpers and exits non-zero on the first mismatch. Driven by
// conformance/node_test.go, which puts the spec validator in front of the
// emulator, so every request this client sends is checked too.
import OpenAI from 'openai';

const baseURL = process.argv[2];
if (!baseURL) {
  console.error('usage: node run.mjs <baseURL> [--no-assistants-stream]');
  process.exit(2);
}
const streamAssistants = !process.argv.includes('--no-assistants-stream');
const client = new OpenAI({ baseURL, apiKey: 'k', maxRetries: 0, timeout: 20_000 });

function check(cond, what, got) {
  if (!cond) throw new Error(`${what}: got ${JSON.stringify(got)}`);
}

const weather = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather of a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};
const prompt = 'call: get_weather {"city":"Oslo"}\ncall: get_weather {"city":"Rome"}';
const outputsFor = (calls) => calls.map((c) => ({ tool_call_id: c.id, output: `sunny in ${JSON.parse(c.function.arguments).city}` }));
const wantReply = 'Tool results: get_weather -> sunny in Oslo; get_weather -> sunny in Rome';

function replyOf(messages) {
  const m = messages.find((x) => x.role === 'assistant');
  return m?.content?.find((c) => c.type === 'text')?.text?.value;
}

async function assistantsPolling(assistant) {
  const thread = await client.beta.threads.create();
  await client.beta.threads.messages.create(thread.id, { role: 'user', content: prompt });
  let run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id }, { pollIntervalMs: 5 });
  check(run.status === 'requires_action', 'createAndPoll status', run.status);
  const calls = run.required_action.submit_tool_outputs.tool_calls;
  check(calls.length === 2 && calls.every((c) => c.function.name === 'get_weather'), 'tool calls', calls);
  run = await client.beta.threads.runs.submitToolOutputsAndPoll(run.id,
    { thread_id: thread.id, tool_outputs: outputsFor(calls) }, { pollIntervalMs: 5 });
  check(run.status === 'completed', 'submitToolOutputsAndPoll status', run.status);
  const msgs = await client.beta.threads.messages.list(thread.id, { order: 'desc', limit: 1 });
  check(replyOf(msgs.data) === wantReply, 'assistants reply', replyOf(msgs.data));
  console.log(`assistants poll: ${run.id} completed: ${wantReply}`);
}

async function assistantsStream(assistant) {
  const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: prompt }] });
  const events = [];
  let stream = client.beta.threads.runs.stream(thread.id, { assistant_id: assistant.id })
    .on('event', (e) => events.push(e.event));
  let run = await stream.finalRun();
  check(run.status === 'requires_action', 'stream status', run.status);
  const calls = run.required_action.submit_tool_outputs.tool_calls;
  stream = client.beta.threads.runs.submitToolOutputsStream(run.id, { thread_id: thread.id, tool_outputs: outputsFor(calls) })
    .on('event', (e) => events.push(e.event));
  let text = '';
  stream.on('textDelta', (d) => { text += d.value ?? ''; });
  run = await stream.finalRun();
  check(run.status === 'completed', 'submitToolOutputsStream status', run.status);
  check(text === wantReply, 'streamed text', text);
  check(events.includes('thread.run.requires_action') && events.includes('thread.run.completed'), 'stream events', events);
  console.log(`assistants stream: ${run.id} completed after ${events.length} events`);
}

async function pollResponse(id) {
  for (let i = 0; i < 2000; i++) {
    const r = await client.responses.retrieve(id);
    if (r.status !== 'queued' && r.status !== 'in_progress') return r;
    await new Promise((res) => setTimeout(res, 5));
  }
  throw new Error(`response ${id} never settled`);
}

async function responsesFlow() {
  const conv = await client.conversations.create({ metadata: { suite: 'conformance' } });
  const tools = [{ type: 'function', name: 'get_weather', description: 'Current weather of a city',
    parameters: weather.function.parameters, strict: false }];
  let r = await client.responses.create({ model: 'gpt-4o', background: true, store: true, conversation: conv.id, tools,
    input: [{ type: 'message', role: 'user', content: prompt }] });
  r = await pollResponse(r.id);
  check(r.status === 'completed', 'first response status', r.status);
  const calls = r.output.filter((o) => o.type === 'function_call');
  check(calls.length === 2, 'function calls', r.output);
  r = await client.responses.create({ model: 'gpt-4o', background: true, store: true, conversation: conv.id, tools,
    input: calls.map((c) => ({ type: 'function_call_output', call_id: c.call_id, output: `sunny in ${JSON.parse(c.arguments).city}` })) });
  r = await pollResponse(r.id);
  check(r.status === 'completed', 'follow-up status', r.status);
  check(r.output_text === wantReply, 'responses reply', r.output_text);
  const items = await client.conversations.items.list(conv.id, { order: 'asc' });
  const types = items.data.map((i) => i.type);
  check(types.filter((t) => t === 'function_call_output').length === 2, 'conversation items', types);
  console.log(`responses: ${r.id} completed on ${conv.id}: ${r.output_text}`);
}

// responsesStream streams a tool round with responses.create({stream: true,
// background: true}); the follow-up's stream is left after its first text
// delta and resumed with responses.retrieve(id, {stream: true, starting_after}).
async function responsesStream() {
  const conv = await client.conversations.create();
  const tools = [{ type: 'function', name: 'get_weather', description: 'Current weather of a city',
    parameters: weather.function.parameters, strict: false }];
  const create = (input) => client.responses.create({ model: 'gpt-4o', background: true, store: true, stream: true,
    conversation: conv.id, tools, input });
  let events = 0;
  let last = -1;
  const follow = (e) => {
    check(e.sequence_number === last + 1, `sequence_number after ${last}`, e.sequence_number);
    last = e.sequence_number;
    events++;
  };
  let final;
  for await (const e of await create([{ type: 'message', role: 'user', content: prompt }])) {
    follow(e);
    if (e.type === 'response.completed') final = e.response;
  }
  check(final?.status === 'completed', 'first stream status', final?.status);
  const calls = final.output.filter((o) => o.type === 'function_call');
  check(calls.length === 2, 'streamed function calls', final.output);

  last = -1;
  let id;
  let text = '';
  for await (const e of await create(calls.map((c) => ({ type: 'function_call_output', call_id: c.call_id,
    output: `sunny in ${JSON.parse(c.arguments).city}` })))) {
    follow(e);
    if (e.type === 'response.created') id = e.response.id;
    if (e.type === 'response.output_text.delta') {
      text += e.delta;
      break; // leave the stream: the background response goes on
    }
  }
  check(id && text, 'follow-up stream start', { id, text });
  const resumedAfter = last;
  final = undefined;
  for await (const e of await client.responses.retrieve(id, { stream: true, starting_after: last })) {
    follow(e);
    if (e.type === 'response.output_text.delta') text += e.delta;
    if (e.type === 'response.completed') final = e.response;
  }
  check(final?.status === 'completed', 'resumed stream status', final?.status);
  check(text === wantReply, 'streamed and resumed text', text);
  console.log(`responses stream: ${id} completed after ${events} events (resumed after ${resumedAfter})`);
}

try {
  const assistant = await client.beta.assistants.create({ model: 'gpt-4o', name: 'conformance', tools: [weather] });
  await assistantsPolling(assistant);
  if (streamAssistants) await assistantsStream(assistant);
  else console.log('assistants stream: skipped (emulator does not stream)');
  await responsesFlow();
  await responsesStream();
  console.log('node conformance: ok');
} catch (err) {
  console.error('node conformance: FAILED:', err?.stack ?? err);
  process.exit(1);
}
