/** maskSecrets: values that look secret become `***`, names and line structure are kept. */
import { describe, expect, it } from 'vitest';
import { MASK, maskSecrets } from '../src/report/mask-secrets.js';

const masked = (s: string) => maskSecrets(s).text;

describe('maskSecrets', () => {
  it('masks KEY=VALUE when the key names a secret, keeps the key', () => {
    expect(masked('DB_PASSWORD=hunter2')).toBe('DB_PASSWORD=***');
    expect(masked('export TOKEN=abc\n')).toBe('export TOKEN=***\n');
    expect(masked('AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG')).toBe('AWS_SECRET_ACCESS_KEY=***');
    expect(masked('x GITHUB_API_KEY=1 y apikey=2 MY_CREDENTIALS=3 PRIVATE_THING=4')).toBe(
      'x GITHUB_API_KEY=*** y apikey=*** MY_CREDENTIALS=*** PRIVATE_THING=***',
    );
    expect(
      masked('traefik.http.middlewares.auth.basicauth.users=admin:$apr1$H6uskkkW$IgXLP6ewTrSuBkTrqE8wj/'),
    ).toBe('traefik.http.middlewares.auth.basicauth.users=***');
    expect(masked('a=1,db.password=x,b=2')).toBe('a=1,db.password=***,b=2');
  });

  it('leaves ordinary KEY=VALUE and network outputs alone', () => {
    const plain = [
      'PATH=/usr/bin HOME=/root LANG=C',
      'net.ipv4.ip_forward = 1',
      'tcp        0      0 0.0.0.0:22              0.0.0.0:*               LISTEN      804/sshd',
      '3: docker0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN',
      'users:(("sshd",pid=804,fd=3))',
      '-A DOCKER ! -i docker0 -p tcp -m tcp --dport 60000 -j DNAT --to-destination 172.17.0.2:8080',
    ].join('\n');
    expect(maskSecrets(plain)).toEqual({ text: plain, count: 0 });
  });

  it('masks password options of command lines', () => {
    expect(masked('/usr/bin/app --password=hunter2 --port 80')).toBe('/usr/bin/app --password=*** --port 80');
    expect(masked('/usr/bin/app --password hunter2 --port 80')).toBe('/usr/bin/app --password *** --port 80');
    expect(masked('app --api-key k1 --client-secret s1 --token t1')).toBe(
      'app --api-key *** --client-secret *** --token ***',
    );
    expect(masked('mysql -uroot -psecret -h db')).toBe('mysql -uroot -p*** -h db');
    expect(masked('mysqldump -p"sec ret" db')).toBe('mysqldump -p*** db');
    expect(masked("app --password 'a b' x")).toBe('app --password *** x');
    expect(masked('"Cmd": ["app", "--password", "hunter2", "--port", "80"]')).toBe(
      '"Cmd": ["app", "--password", "***", "--port", "80"]',
    );
    expect(masked('sshpass -p hunter2 ssh host')).toBe('sshpass -p *** ssh host');
    expect(masked('redis-cli -h r -a hunter2 ping')).toBe('redis-cli -h r -a *** ping');
    // -p of other tools is a port or a protocol: kept.
    expect(masked('iptables -p tcp; ssh -p 2222 host')).toBe('iptables -p tcp; ssh -p 2222 host');
  });

  it('masks the password of basic-auth URLs', () => {
    expect(masked('proxy=http://bob:hunter2@10.0.0.1:3128/')).toBe('proxy=http://bob:***@10.0.0.1:3128/');
    expect(masked('git clone https://user:tok@github.com/x')).toBe('git clone https://user:***@github.com/x');
    expect(masked('ssh://git@host:22/x')).toBe('ssh://git@host:22/x');
  });

  it('masks every value of JSON "Env" arrays and secret-looking JSON pairs, keeping names and lines', () => {
    const inspect = `[
  {
    "Config": {
      "Hostname": "web",
      "Env": [
        "PATH=/usr/local/sbin:/usr/bin",
        "DB_PASSWORD=hunter2",
        "PLAIN=visible-elsewhere"
      ],
      "Labels": {
        "traefik.http.middlewares.auth.basicauth.users": "admin:$apr1$abc$def",
        "com.example.team": "net"
      }
    }
  }
]`;
    const r = maskSecrets(inspect);
    expect(r.text).toContain('"PATH=***"');
    expect(r.text).toContain('"DB_PASSWORD=***"');
    expect(r.text).toContain('"PLAIN=***"');
    expect(r.text).toContain('"traefik.http.middlewares.auth.basicauth.users": "***"');
    expect(r.text).toContain('"com.example.team": "net"');
    expect(r.text).not.toContain('hunter2');
    expect(r.text.split('\n')).toHaveLength(inspect.split('\n').length);
    expect(r.count).toBe(4);
    expect(JSON.parse(r.text)[0].Config.Env).toEqual(['PATH=***', 'DB_PASSWORD=***', 'PLAIN=***']);
    // One-line form, as docker inspect --format '{{json .}}' prints it.
    expect(masked('{"Env":["A=1","B=two=2"],"Cmd":["x"]}')).toBe('{"Env":["A=***","B=***"],"Cmd":["x"]}');
  });

  it('masks private key blocks line by line, also when END is missing', () => {
    const pem =
      'before\n-----BEGIN RSA PRIVATE KEY-----\nMIIEow\nAKCAQ\n-----END RSA PRIVATE KEY-----\nafter';
    const r = maskSecrets(pem);
    expect(r.text).toBe(
      'before\n-----BEGIN RSA PRIVATE KEY-----\n***\n***\n-----END RSA PRIVATE KEY-----\nafter',
    );
    expect(r.count).toBe(1);
    expect(masked('-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn\nNza')).toBe(
      '-----BEGIN OPENSSH PRIVATE KEY-----\n***\n***',
    );
  });

  it('counts masked values and is idempotent', () => {
    const r = maskSecrets('TOKEN=a\nPASSWORD=b\nmysql -pc\n');
    expect(r.count).toBe(3);
    expect(maskSecrets(r.text)).toEqual({ text: r.text, count: 0 });
    expect(r.text).not.toMatch(/=a|=b|-pc/);
    expect(r.text.match(new RegExp(MASK.replace(/\*/g, '\\*'), 'g'))).toHaveLength(3);
  });

  it('stays fast on a 10 MB line and on hostile repetitions', () => {
    const t0 = performance.now();
    maskSecrets('a'.repeat(10_000_000));
    maskSecrets('a.b-'.repeat(1_000_000));
    maskSecrets(`--${'pass'.repeat(100_000)}`);
    maskSecrets('"x'.repeat(500_000));
    maskSecrets('mysql '.repeat(20_000));
    expect(performance.now() - t0).toBeLessThan(5_000);
  });
});

describe('masking in the report', () => {
  it('covers the manifest: command lines, step label and comment', async () => {
    const { mkdtempSync, mkdirSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { buildReport } = await import('../src/pipeline.js');
    const dir = mkdtempSync(join(tmpdir(), 'dockernet-mask-'));
    mkdirSync(join(dir, 'host'));
    writeFileSync(join(dir, 'host', 'x.out'), 'hello\n');
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify({
        format: 'dockernet-bundle',
        formatVersion: 1,
        collector: { name: 't', version: '1' },
        hostname: 'h',
        capturedAt: '2026-01-01T00:00:00Z',
        step: 'after DB_PASSWORD=hunter2 was set',
        comment: 'token: API_KEY=hunter2',
        commands: [
          {
            id: 'x',
            scope: 'host',
            command: 'mysql --password=hunter2 -e "show databases"',
            exitCode: 0,
            durationMs: 1,
            stdout: 'host/x.out',
          },
        ],
      }),
    );
    const report = await buildReport([dir]);
    expect(JSON.stringify(report)).not.toContain('hunter2');
    expect(report.steps[0]!.commands[0]!.command).toContain('mysql');
  });
});
