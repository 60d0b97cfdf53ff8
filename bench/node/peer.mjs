// The Node peer of the bench: the official openai helpers doing the run the
// Go peers do (create thread; createAndPoll with the message; call the tools
// in parallel; submitToolOutputsAndPoll; list the reply). Prints one JSON
// line: {"walls_ms": [...]} for RUNS sequential runs.
import OpenAI from 'openai';

const env = process.env;
const client = new OpenAI({ baseURL: env.BASE_URL, apiKey: 'bench', maxRetries: 0 });
const runs = Number(env.RUNS || 1);
const message = env.MESSAGE;
const assistantId = env.ASSISTANT_ID;
// The helpers honour openai-poll-after-ms; without it they wait 5 s, so the
// bench passes the same first interval the Go peers use when there is no hint.
const pollOpts = env.POLL_MS ? { pollIntervalMs: Number(env.POLL_MS) } : undefined;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function tool(call) {
  const args = JSON.parse(call.function.arguments);
  await sleep(args.ms);
  return { tool_call_id: call.id, output: 'slept' };
}

async function once() {
  const thread = await client.beta.threads.create();
  let run = await client.beta.threads.runs.createAndPoll(thread.id, {
    assistant_id: assistantId,
    additional_messages: [{ role: 'user', content: message }],
  }, pollOpts);
  while (run.status === 'requires_action') {
    const outputs = await Promise.all(run.required_action.submit_tool_outputs.tool_calls.map(tool));
    run = await client.beta.threads.runs.submitToolOutputsAndPoll(run.id, {
      thread_id: thread.id, tool_outputs: outputs,
    }, pollOpts);
  }
  if (run.status !== 'completed') throw new Error(`run ended ${run.status}`);
  await client.beta.threads.messages.list(thread.id, { run_id: run.id, order: 'asc' });
}

const walls = [];
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  await once();
  walls.push(performance.now() - t0);
}
console.log(JSON.stringify({ walls_ms: walls }));
