/**
 * netstat without -n prints service names from /etc/services (`0.0.0.0:ssh`). The numbers of
 * the names that matter on a Docker host, so sockets can be compared and published ports found.
 */
const SERVICES: Readonly<Record<string, number>> = {
  ftp: 21,
  ssh: 22,
  telnet: 23,
  smtp: 25,
  domain: 53,
  bootps: 67,
  bootpc: 68,
  tftp: 69,
  http: 80,
  'www-http': 80,
  kerberos: 88,
  pop3: 110,
  sunrpc: 111,
  ntp: 123,
  'netbios-ns': 137,
  imap2: 143,
  snmp: 161,
  ldap: 389,
  https: 443,
  'microsoft-ds': 445,
  submission: 587,
  ipp: 631,
  ldaps: 636,
  imaps: 993,
  pop3s: 995,
  mysql: 3306,
  postgresql: 5432,
  mdns: 5353,
  'http-alt': 8080,
  webcache: 8080,
};

export function portNumber(port: string): number | undefined {
  if (/^\d+$/.test(port)) return Number(port);
  return Object.hasOwn(SERVICES, port) ? SERVICES[port] : undefined;
}
