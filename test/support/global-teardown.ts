/** Jest global teardown: stops what global set-up started. */
export default async function globalTeardown(): Promise<void> {
  const services = (globalThis as { __bizingTestServices?: { stop: () => Promise<void> } }).__bizingTestServices;
  await services?.stop();
}
