export type Sm2Task =
  | { op: 'verify'; publicKey: string; message: string; signature: string }
  | { op: 'sign'; privateKey: string; message: string };
export default function run(task: { op: 'verify'; publicKey: string; message: string; signature: string }): boolean;
export default function run(task: { op: 'sign'; privateKey: string; message: string }): string;
