// Misuse the declarations catch: each line marked `// error:` must fail to compile.
import { simulateCcp, taskTemplate } from 'taskjs-rs/testing';

export async function misuse(): Promise<void> {
  const ccp = simulateCcp();
  await ccp.waitForContact('c', 'done'); // error: not a state
  await ccp.answerNext('createTask', { never: false }); // error: never is true or absent
  await ccp.addTask({ name: 'x', state: 'ended' }); // error: a task arrives offered or accepted
  await ccp.addTask({ nmae: 'x' }); // error: unknown field
  await ccp.taskEvent('c', 'expired'); // error: not an event kind
  await ccp.hangUp(); // error: no such control
  taskTemplate({ name: 'T', fields: [{ name: 'x', type: 'COLOR' }] }); // error: not a field type
  simulateCcp({ agent: { quickConnects: [{ type: 'email', name: 'x' }] } }); // error: not a quick connect type
}
