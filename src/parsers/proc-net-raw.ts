/**
 * Parser for `/proc/net/raw` and `/proc/net/raw6` (collector ids proc-net-raw, proc-net-raw6):
 * the kernel's raw socket table, read by proc-net-sockets.ts with the transport fixed to raw
 * because the command id, not the text, says which table it is (see that file for the format).
 *
 *     sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ...
 */
import { type ProcNetSocket, parseProcNet } from './proc-net-sockets.js';
import type { Parser } from './types.js';

export const procNetRaw: Parser<ProcNetSocket> = {
  id: 'proc-net-raw',
  description: 'raw sockets from /proc/net/raw and /proc/net/raw6',
  commands: ['cat /proc/net/raw', 'cat /proc/net/raw6'],
  parse: (text) => parseProcNet(text, 'raw'),
};
