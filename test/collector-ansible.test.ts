/**
 * collector/ansible/collect.yml, run for real by Debian's ansible-playbook against the three
 * nodes of the swarm cluster scenario (test/scripts/engine-cluster.sh), reached through
 * test/ansible/connection_plugins/nsenter.py (nsenter into each node's namespaces: no sshd, no
 * traffic, nothing outside the sandbox). The nodes have private /tmp, /var/tmp and /root, listed
 * before and after the playbook. Checked: the playbook succeeded, the three bundles arrived in
 * one local folder named by time, each named by its host and time and keeping the bundle
 * contract, and nothing is left on the nodes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { loadBundle, manifestProblems, output } from './helpers/bundle.js';
import {
  ansibleSupport,
  type ClusterRun,
  captureCluster,
  describeClusterEngines,
} from './helpers/docker-cluster.js';

describeClusterEngines(
  // The playbook runs in the mixed cluster (captureCluster's default): nodes of both engines.
  ['mixed'],
  {
    skip: (label) => `the Ansible playbook on a three-node cluster, ${label}`,
    required: (label) => `Ansible playbook on ${label}: sandbox required`,
    requiredTest: 'can run the cluster and ansible-playbook',
    describe: (label) => `collector/ansible/collect.yml on a three-node swarm, ${label}`,
  },
  (engine, _label) => {
    let run: ClusterRun;
    const playbookLog = () => readFileSync(join(run.ansible!.dir, 'playbook.log'), 'utf8');

    beforeAll(async () => {
      run = await captureCluster(undefined, { engine });
    }, 420_000);

    it('ran the playbook to the end on every node', () => {
      expect(run.ansible, 'the scenario ran ansible-playbook').toBeDefined();
      expect(run.ansible!.rc, playbookLog()).toBe(0);
      const recap = /PLAY RECAP \*+\n([\s\S]*)$/.exec(playbookLog())?.[1] ?? '';
      for (const n of run.meta.nodes)
        expect(recap).toMatch(new RegExp(`^${n.name}\\s+: ok=\\d+ .*unreachable=0\\s+failed=0 `, 'm'));
    });

    it('fetched the three bundles into one folder named by time, each named by host and time', async () => {
      const a = run.ansible!;
      expect(a.runs).toHaveLength(1);
      const folder = a.runs[0]!;
      expect(folder.dir).toMatch(/\/\d{8}T\d{6}Z$/);
      expect(folder.files.map((f) => f.replace(/\d{8}T\d{6}Z/, 'TIME'))).toEqual(
        run.meta.nodes.map((n) => `dockernet-${n.name}-TIME.tar.gz`),
      );
      for (const [i, f] of folder.files.entries()) {
        const b = await loadBundle(join(folder.dir, f));
        const node = run.meta.nodes[i]!;
        expect(b.manifest.hostname).toBe(node.name);
        expect(b.manifest.step).toBe('Cluster, via Ansible');
        expect(b.manifest.user.uid, 'ran as root').toBe(0);
        expect(manifestProblems(b), f).toEqual([]);
        // It is the node's own capture: its swarm address and its container.
        const failed = b.manifest.commands.filter((c) => c.exitCode !== 0 && c.skipped === undefined);
        expect(
          failed.map((c) => `${c.scope} ${c.command}`),
          f,
        ).toEqual([]);
        const swarm = JSON.parse(output(b, 'docker-swarm')) as { NodeAddr?: string };
        expect(swarm.NodeAddr).toBe(node.underlay);
        expect(Object.keys(b.manifest.scopes)).toContain(`container:${node.container}`);
      }
    });

    it('left nothing on the nodes (their /tmp, /var/tmp and /root as before)', () => {
      const a = run.ansible!;
      for (const n of run.meta.nodes) expect(a.after[n.name], n.name).toEqual(a.before[n.name]);
      // And the playbook did make and remove its folder on each node.
      expect(playbookLog()).toMatch(
        /TASK \[Leave nothing behind on the host\][^\n]*\n(changed: \[node\d\]\n){3}/,
      );
    });
  },
  ansibleSupport,
);
