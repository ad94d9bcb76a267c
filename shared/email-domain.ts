/** The domain of an e-mail address, bare or as "Name <shop@example.com>", in lowercase; null when there is none. */
export function domainOfAddress(address: string): string | null {
  const bare = /<([^<>]+)>\s*$/.exec(address)?.[1] ?? address;
  const at = bare.lastIndexOf('@');
  if (at < 0) return null;
  const domain = bare
    .slice(at + 1)
    .trim()
    .toLowerCase()
    .replace(/\.$/, '');
  return domain === '' ? null : domain;
}
