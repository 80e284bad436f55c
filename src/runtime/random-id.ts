/**
 * 32 random hex digits. Not crypto.randomUUID(): that exists only in secure contexts, and a
 * workshop room's learners open the lab at a plain http://10.x.y.z address, which is not one.
 */
export function randomId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
