// Refreshes www/screenshot.png (the README picture): the demo with a few events shown and a
// template chosen in the create-task form. Run by hand: node tests/e2e/screenshot.mjs
import fs from 'node:fs';
import path from 'node:path';
import { OURS_BUNDLE, ROOT, card, openDemo, startHarness, waitForEvent } from './harness.mjs';

const which = fs.existsSync(OURS_BUNDLE) ? 'ours' : 'reference';
const harness = await startHarness();
try {
  const page = await openDemo(harness, which, { width: 1360, height: 900 });
  const ids = await page.locator('.contact-card').evaluateAll((n) => n.map((c) => c.dataset.contactId));
  const click = async (id, name, hook) => {
    await card(page, id).getByRole('button', { name, exact: true }).click();
    await waitForEvent(page, id, hook);
  };
  await click(ids[0], 'Transfer initiated', 'TRANSFER_INITIATED');
  await click(ids[0], 'Transfer succeeded', 'TRANSFER_SUCCEEDED');
  await click(ids[0], 'Expire warning', 'TASK_EXPIRING');
  await click(ids[1], 'Transfer failed', 'TRANSFER_FAILED');
  await page.click('[data-sim="connectionLost"]');
  await page.click('[data-sim="connectionGained"]');
  await waitForEvent(page, ids[1], 'CONNECTION_ESTABLISHED');
  const form = page.locator('#create-task');
  await form.locator('select[name="template"]').selectOption({ label: 'Customer callback' });
  await page.waitForSelector('#create-task[data-template="a7c1e9f2-3b4d-4e5f-8a6b-7c8d9e0f1a2b"]');
  await form.locator('input[name="name"]').fill('Call Ana back about order 1042');
  await form.getByRole('button', { name: 'Create task' }).click();
  await page.waitForSelector('.field-error:not(:empty)');
  await page.mouse.move(0, 0);
  await page.evaluate(() => window.scrollTo(0, 0));
  const out = path.join(ROOT, 'www', 'screenshot.png');
  await page.screenshot({ path: out });
  console.log(`wrote ${out} (${which} bundle)`);
} finally {
  await harness.close();
}
