/**
 * Parser for `/proc/net/tcp` and `/proc/net/tcp6` (collector ids proc-net-tcp, proc-net-tcp6):
 * the kernel's tcp socket table, read by proc-net-sockets.ts with the transport fixed to tcp
 * because the command id, not the text, says which table it is (see that file for the format).
 *
 *     sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ...
 */
import { type ProcNetSocket, parseProcNet } from './proc-net-sockets.js';
import type { Parser } from './types.js';

export const procNetTcp: Parser<ProcNetSocket> = {
  id: 'proc-net-tcp',
  description: 'tcp sockets from /proc/net/tcp and /proc/net/tcp6',
  commands: ['cat /proc/net/tcp', 'cat /proc/net/tcp6'],
  parse: (text) => parseProcNet(text, 'tcp'),
};
