/** Where each local service listens: consecutive ports from one base, so a second stack (tests) can sit beside `npm start`. */
export function portsFrom(base: number) {
  return {
    api: base,
    web: base + 1,
    admin: base + 2,
    dynamodb: base + 3,
    s3: base + 4,
    sqs: base + 5,
    ses: base + 6,
    cognito: base + 7,
    sfn: base + 8,
  };
}
export type Ports = ReturnType<typeof portsFrom>;

export const DEFAULT_PORT_BASE = 4000;
