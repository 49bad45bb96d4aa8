import fs from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { testServiceAddresses } from '../support/test-services';

const historiesDir = path.join(__dirname, 'histories');
const files = fs.readdirSync(historiesDir).filter((file) => file.endsWith('.json')).sort();

describe('recorded workflow histories replay against today’s workflow code', () => {
  it('has histories to replay', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
  });

  it.each(files)('%s replays without non-determinism', async (file) => {
    const history = historyFromJSON(JSON.parse(fs.readFileSync(path.join(historiesDir, file), 'utf8')));
    await expect(
      Worker.runReplayHistory({ workflowBundle: { codePath: testServiceAddresses().workflowBundlePath } }, history, file),
    ).resolves.toBeUndefined();
  });
});
