// Drives ChatGptEmulatorServer with the official OpenAI Node SDK. Run by OpenAiNodeSdkTests (C#), which starts the
// server, passes OPENAI_BASE_URL / OPENAI_API_KEY, validates the structured outputs printed here against their schemas,
// and fails on a non-zero exit. Prints one JSON object on stdout.
import assert from 'node:assert/strict';
import OpenAI from 'openai';

const schemas = JSON.parse(process.env.EMULATOR_SCHEMAS ?? '{}');
const client = new OpenAI({ baseURL: process.env.OPENAI_BASE_URL, apiKey: process.env.OPENAI_API_KEY, maxRetries: 0, timeout: 20_000 });
const out = { checks: [], structured: {}, toolArguments: {} };
const check = (name) => out.checks.push(name);

// Chat: every field the SDK types.
const chat = await client.chat.completions.create({
  model: 'gpt-4o-mini',
  messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'What is the capital of France?' }],
});
assert.match(chat.id, /^chatcmpl-/);
assert.equal(chat.object, 'chat.completion');
assert.equal(chat.model, 'gpt-4o-mini');
assert.equal(chat.choices[0].message.role, 'assistant');
assert.equal(chat.choices[0].message.content, 'The capital of France is Paris.');
assert.equal(chat.choices[0].finish_reason, 'stop');
assert.equal(chat.usage.total_tokens, chat.usage.prompt_tokens + chat.usage.completion_tokens);
assert.equal(chat.system_fingerprint, 'fp_emulator');
check('chat');

// withResponse: headers.
const { response } = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] }).withResponse();
assert.match(response.headers.get('x-request-id'), /^req_/);
assert.ok(Number(response.headers.get('x-ratelimit-remaining-requests')) > 0);
check('headers');

// Streaming with usage.
const stream = await client.chat.completions.create({
  model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Count to 5' }], stream: true, stream_options: { include_usage: true },
});
let text = ''; let finish = null; let usage = null;
for await (const chunk of stream) {
  assert.equal(chunk.object, 'chat.completion.chunk');
  if (chunk.choices.length > 0) {
    text += chunk.choices[0].delta.content ?? '';
    finish ??= chunk.choices[0].finish_reason;
  }
  usage ??= chunk.usage;
}
assert.equal(text, '1, 2, 3, 4, 5.');
assert.equal(finish, 'stop');
assert.ok(usage.completion_tokens > 0);
check('stream');

// The SDK's stream helper accumulates the final message.
const runner = client.chat.completions.stream({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Count to 3' }] });
const final = await runner.finalChatCompletion();
assert.equal(final.choices[0].message.content, '1, 2, 3.');
check('stream helper');

// Tools: call, result, answer.
const weather = {
  type: 'function',
  function: {
    name: 'get_weather', description: 'Current weather', strict: true,
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false },
  },
};
const messages = [{ role: 'user', content: "What's the weather in Paris?" }];
const first = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, tools: [weather] });
const call = first.choices[0].message.tool_calls[0];
assert.equal(first.choices[0].finish_reason, 'tool_calls');
assert.equal(call.function.name, 'get_weather');
assert.deepEqual(JSON.parse(call.function.arguments), { city: 'Paris' });
messages.push(first.choices[0].message, { role: 'tool', tool_call_id: call.id, content: '{"temperature":21}' });
const second = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, tools: [weather] });
assert.equal(second.choices[0].message.content, 'According to get_weather: {"temperature":21}.');
check('tools');

// Strict structured outputs and strict tool arguments for each schema given (validated by the C# side).
for (const [name, schema] of Object.entries(schemas)) {
  const answer = await client.chat.completions.create({
    model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Rate it 1990 out of 5' }],
    response_format: { type: 'json_schema', json_schema: { name: 'answer', strict: true, schema } },
  });
  out.structured[name] = answer.choices[0].message.content;
  const toolCall = await client.chat.completions.create({
    model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Record 1990 of them' }], tool_choice: 'required',
    tools: [{ type: 'function', function: { name: 'record', strict: true, parameters: schema } }],
  });
  out.toolArguments[name] = toolCall.choices[0].message.tool_calls[0].function.arguments;
}
check('structured outputs');

// Models.
const models = [];
for await (const model of client.models.list()) {
  models.push(model.id);
}
assert.ok(models.includes('gpt-4o-mini'));
const one = await client.models.retrieve('gpt-4o');
assert.equal(one.id, 'gpt-4o');
assert.equal(one.object, 'model');
check('models');

// Errors: the SDK's typed errors.
try {
  await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [] });
  assert.fail('expected a 400');
} catch (error) {
  assert.ok(error instanceof OpenAI.BadRequestError, String(error));
  assert.equal(error.status, 400);
  assert.equal(error.code, 'empty_array');
  assert.equal(error.param, 'messages');
}
try {
  await client.models.retrieve('no-such-model');
  assert.fail('expected a 404');
} catch (error) {
  assert.ok(error instanceof OpenAI.NotFoundError, String(error));
}
check('errors');

process.stdout.write(JSON.stringify(out));
