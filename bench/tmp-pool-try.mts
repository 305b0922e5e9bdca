import { createSm2Pool, sm3Hex, generateSm2KeyPair, isSm2PublicKey } from '/work/wt-O/apps/server/src/platform/sm2/pool';
const kp = generateSm2KeyPair();
for (const threads of [0, 1, 2]) {
  const pool = createSm2Pool({ threads });
  const sig = await pool.sign(kp.privateKey, 'hello');
  console.log(threads, 'verify', await pool.verify(kp.publicKey, 'hello', sig), await pool.verify(kp.publicKey, 'hellp', sig), isSm2PublicKey(kp.publicKey), isSm2PublicKey('04' + '1'.repeat(128)));
  const t = performance.now();
  const N = 2000;
  await Promise.all(Array.from({ length: N }, () => pool.verify(kp.publicKey, 'hello', sig)));
  console.log(threads, 'verify throughput', (N / ((performance.now() - t) / 1000)).toFixed(0), '/s');
  const t2 = performance.now();
  await Promise.all(Array.from({ length: N }, () => pool.sign(kp.privateKey, 'hello')));
  console.log(threads, 'sign throughput', (N / ((performance.now() - t2) / 1000)).toFixed(0), '/s');
  await pool.close();
}
console.log(sm3Hex(''));
