/**
 * Parser for `/proc/net/udp` and `/proc/net/udp6` (collector ids proc-net-udp, proc-net-udp6):
 * the kernel's udp socket table, read by proc-net-sockets.ts with the transport fixed to udp
 * because the command id, not the text, says which table it is (see that file for the format).
 *
 *     sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ...
 */
import { type ProcNetSocket, parseProcNet } from './proc-net-sockets.js';
import type { Parser } from './types.js';

export const procNetUdp: Parser<ProcNetSocket> = {
  id: 'proc-net-udp',
  description: 'udp sockets from /proc/net/udp and /proc/net/udp6',
  commands: ['cat /proc/net/udp', 'cat /proc/net/udp6'],
  parse: (text) => parseProcNet(text, 'udp'),
};
