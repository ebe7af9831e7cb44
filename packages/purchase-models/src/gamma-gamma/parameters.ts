/**
 * Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV"; Fader & Hardie, "The
 * Gamma-Gamma Model of Monetary Value", 2013). Each purchase of a customer is worth
 * z ~ Gamma(shape p, rate ν); across customers ν ~ Gamma(shape q, rate gamma). p and q have no
 * unit; gamma is in the currency of the data. All three are > 0; a finite mean needs q > 1.
 */
export interface GammaGammaParameters {
  readonly p: number;
  readonly q: number;
  readonly gamma: number;
}
