import { createPrivateKey, X509Certificate } from 'node:crypto';

/** Every certificate of a PEM bundle, or a reason it is not one; checked at start-up so a wrong file is named before any connection. */
export function checkCertificates(pem: string): { count: number; notAfter: Date[] } | { issue: string } {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) return { issue: 'holds no PEM certificate (-----BEGIN CERTIFICATE-----)' };
  const notAfter: Date[] = [];
  for (const block of blocks) {
    try {
      notAfter.push(new Date(new X509Certificate(block).validTo));
    } catch (error) {
      return { issue: `holds a certificate that cannot be read (${(error as Error).message})` };
    }
  }
  return { count: blocks.length, notAfter };
}

/** Whether a PEM private key opens (with its passphrase when encrypted). */
export function checkPrivateKey(pem: string, passphrase: string | undefined): { issue?: string } {
  try {
    createPrivateKey(passphrase === undefined ? { key: pem } : { key: pem, passphrase });
    return {};
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (/PASSPHRASE|BAD_DECRYPT/i.test(`${code} ${(error as Error).message}`)) return { issue: 'cannot be decrypted: wrong or missing key password' };
    return { issue: `is not a readable PEM private key (${(error as Error).message})` };
  }
}
