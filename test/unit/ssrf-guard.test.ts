import { defaultEgressPolicy, isRefusedAddress, resolveTarget, WebhookTargetRefused, type EgressPolicy, type Resolver } from '../../src/webhooks/ssrf-guard';

// Fake DNS only: public answers come from documentation ranges (203.0.113.0/24, 2001:db8::/32), nothing is contacted.
const fakeDns: Record<string, Array<{ address: string; family: 4 | 6 }>> = {
  'public.example': [{ address: '203.0.113.10', family: 4 }],
  'public-v6.example': [
    { address: '2001:db8::1', family: 6 },
    { address: '203.0.113.11', family: 4 },
  ],
  'internal.example': [{ address: '10.0.0.7', family: 4 }],
  'rebinding.example': [
    { address: '203.0.113.12', family: 4 },
    { address: '10.0.0.8', family: 4 },
  ],
  'mapped.example': [{ address: '::ffff:192.168.0.9', family: 6 }],
  localhost: [{ address: '127.0.0.1', family: 4 }],
};

function fakeResolver(): jest.MockedFunction<Resolver> {
  return jest.fn<ReturnType<Resolver>, Parameters<Resolver>>(async (hostname) => fakeDns[hostname] ?? []);
}

describe('isRefusedAddress', () => {
  it.each([
    ['0.0.0.0', '0.0.0.0/8'],
    ['10.255.0.1', '10.0.0.0/8'],
    ['100.64.0.1', '100.64.0.0/10'],
    ['127.0.0.53', '127.0.0.0/8'],
    ['169.254.169.254', '169.254.0.0/16'],
    ['172.16.0.1', '172.16.0.0/12'],
    ['192.0.0.170', '192.0.0.0/24'],
    ['192.168.1.1', '192.168.0.0/16'],
    ['198.19.255.255', '198.18.0.0/15'],
    ['224.0.0.251', '224.0.0.0/4'],
    ['240.0.0.1', '240.0.0.0/4'],
    ['255.255.255.255', '255.255.255.255/32'],
    ['::', '::/128'],
    ['::1', '::1/128'],
    ['fc00::1', 'fc00::/7'],
    ['fd12:3456::1', 'fc00::/7'],
    ['fe80::1', 'fe80::/10'],
    ['fe80::1%eth0', 'fe80::/10'],
    ['ff02::1', 'ff00::/8'],
    ['fd00:ec2::254', 'fd00:ec2::254/128'],
    ['::ffff:10.0.0.1', '10.0.0.0/8'],
    ['::ffff:a9fe:a9fe', '169.254.0.0/16'],
    ['64:ff9b::7f00:1', '127.0.0.0/8'],
    ['64:ff9b::192.168.0.1', '192.168.0.0/16'],
    ['::ffff:0:a00:1', '10.0.0.0/8'],
    ['::a00:1', '10.0.0.0/8'],
    ['2002:a00:1::1', '2002::/16'],
    ['2001:0:4136:e378::1', '2001::/32'],
  ])('refuses %s (%s)', (ip, range) => {
    expect(isRefusedAddress(ip)).toContain(`(${range})`);
  });

  it.each(['172.32.0.1', '172.15.255.255', '100.128.0.1', '203.0.113.10', '2001:db8::1', '::ffff:203.0.113.10', '64:ff9b::cb00:710a'])('allows %s', (ip) => {
    expect(isRefusedAddress(ip)).toBeNull();
  });

  it('explains the refusal', () => {
    expect(isRefusedAddress('10.0.0.5')).toBe('10.0.0.5 is a private address (10.0.0.0/8)');
    expect(isRefusedAddress('::ffff:10.0.0.1')).toBe('::ffff:10.0.0.1 is an IPv4-mapped form of 10.0.0.1, a private address (10.0.0.0/8)');
  });

  it('refuses what is not an IP address', () => {
    expect(isRefusedAddress('example.com')).toBe('example.com is not an IP address');
  });
});

describe('resolveTarget', () => {
  const noExceptions: EgressPolicy = defaultEgressPolicy;
  const loopbackAllowed: EgressPolicy = { allowHosts: ['127.0.0.1', 'localhost', '::1'] };

  it.each([
    ['an IPv4 loopback literal', 'http://127.0.0.1/hook', 'refused: 127.0.0.1 is a loopback address (127.0.0.0/8)'],
    ['a 10/8 literal', 'https://10.1.2.3/hook', 'refused: 10.1.2.3 is a private address (10.0.0.0/8)'],
    ['the start of 172.16/12', 'http://172.16.0.1/', 'refused: 172.16.0.1 is a private address (172.16.0.0/12)'],
    ['the end of 172.16/12', 'http://172.31.255.255/', 'refused: 172.31.255.255 is a private address (172.16.0.0/12)'],
    ['a 192.168/16 literal', 'http://192.168.1.1:8080/', 'refused: 192.168.1.1 is a private address (192.168.0.0/16)'],
    ['the cloud metadata address', 'http://169.254.169.254/latest/meta-data/', 'refused: 169.254.169.254 is a link-local (cloud metadata) address (169.254.0.0/16)'],
    ['an IPv4 address written as one number', 'http://2130706433/', 'refused: 127.0.0.1 is a loopback address (127.0.0.0/8)'],
    ['the IPv6 loopback', 'http://[::1]/', 'refused: ::1 is a loopback address (::1/128)'],
    ['an IPv6 link-local literal', 'http://[fe80::1]/', 'refused: fe80::1 is a link-local address (fe80::/10)'],
    ['an IPv4-mapped private address', 'http://[::ffff:10.0.0.1]/', 'refused: ::ffff:a00:1 is an IPv4-mapped form of 10.0.0.1, a private address (10.0.0.0/8)'],
  ])('refuses %s without resolving', async (_case, url, message) => {
    const resolver = fakeResolver();
    const refusal = resolveTarget(url, { resolver, policy: noExceptions });
    await expect(refusal).rejects.toThrow(WebhookTargetRefused);
    await expect(refusal).rejects.toMatchObject({ reason: 'address', message });
    expect(resolver).not.toHaveBeenCalled();
  });

  it.each([
    ['a hostname resolving to a private address', 'https://internal.example/hook', 'refused: internal.example has a forbidden address: 10.0.0.7 is a private address (10.0.0.0/8)'],
    ['a hostname with one public and one private address', 'https://rebinding.example/hook', 'refused: rebinding.example has a forbidden address: 10.0.0.8 is a private address (10.0.0.0/8)'],
    ['a hostname resolving to an IPv4-mapped private address', 'https://mapped.example/', 'refused: mapped.example has a forbidden address: ::ffff:192.168.0.9 is an IPv4-mapped form of 192.168.0.9, a private address (192.168.0.0/16)'],
    ['localhost when not allow-listed', 'http://localhost:3000/', 'refused: localhost has a forbidden address: 127.0.0.1 is a loopback address (127.0.0.0/8)'],
  ])('refuses %s after resolving it', async (_case, url, message) => {
    const resolver = fakeResolver();
    await expect(resolveTarget(url, { resolver, policy: noExceptions })).rejects.toMatchObject({ name: 'WebhookTargetRefused', reason: 'address', message });
    expect(resolver).toHaveBeenCalledTimes(1);
    expect(resolver).toHaveBeenCalledWith(new URL(url).hostname);
  });

  it.each([
    ['ftp', 'ftp://public.example/hook', 'scheme'],
    ['file', 'file:///etc/passwd', 'scheme'],
    ['credentials in the URL', 'http://user:pass@public.example/hook', 'userinfo'],
    ['a user name alone', 'https://user@public.example/hook', 'userinfo'],
    ['an unparseable URL', 'not a url', 'url'],
  ])('refuses %s before resolving', async (_case, url, reason) => {
    const resolver = fakeResolver();
    await expect(resolveTarget(url, { resolver, policy: loopbackAllowed })).rejects.toMatchObject({ name: 'WebhookTargetRefused', reason });
    expect(resolver).not.toHaveBeenCalled();
  });

  it('does not repeat credentials in the refusal', async () => {
    await expect(resolveTarget('http://user:secret@public.example/', { resolver: fakeResolver(), policy: noExceptions })).rejects.toThrow(
      'refused: webhook URLs may not contain credentials (host public.example)',
    );
  });

  it.each([
    ['172.32.0.1, just outside 172.16/12', 'http://172.32.0.1/', '172.32.0.1', 4, false],
    ['a public IPv6 literal', 'https://[2001:db8::1]:8443/hook', '2001:db8::1', 6, false],
    ['a public hostname, pinned to its first address', 'https://public-v6.example/hook?x=1', '2001:db8::1', 6, true],
    ['an allow-listed 127.0.0.1', 'http://127.0.0.1:4000/hook', '127.0.0.1', 4, false],
    ['an allow-listed ::1', 'http://[::1]:4000/hook', '::1', 6, false],
    ['an allow-listed hostname resolving to loopback', 'http://localhost:4000/hook', '127.0.0.1', 4, true],
  ])('accepts %s', async (_case, url, address, family, resolves) => {
    const resolver = fakeResolver();
    const target = await resolveTarget(url, { resolver, policy: loopbackAllowed });
    expect(target).toEqual({ url: new URL(url), address, family });
    expect(resolver).toHaveBeenCalledTimes(resolves ? 1 : 0);
  });

  it('allow-lists exact hosts only', async () => {
    const resolver = fakeResolver();
    await expect(resolveTarget('http://127.0.0.2/', { resolver, policy: { allowHosts: ['127.0.0.1'] } })).rejects.toMatchObject({ reason: 'address' });
    await expect(resolveTarget('http://internal.example/', { resolver, policy: { allowHosts: ['example'] } })).rejects.toMatchObject({ reason: 'address' });
  });

  it('matches allow-listed IPv6 entries in any spelling', async () => {
    const target = await resolveTarget('http://[::1]/', { resolver: fakeResolver(), policy: { allowHosts: ['[0:0:0:0:0:0:0:1]'] } });
    expect(target.address).toBe('::1');
  });

  it('fails when the name has no addresses', async () => {
    const resolver = fakeResolver();
    await expect(resolveTarget('https://nowhere.example/', { resolver, policy: noExceptions })).rejects.toThrow('nowhere.example resolved to no addresses');
  });
});
