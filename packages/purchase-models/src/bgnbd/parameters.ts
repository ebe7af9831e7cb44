/**
 * BG/NBD (Fader, Hardie & Lee 2005). While alive a customer buys as a Poisson process of rate λ;
 * after each purchase the customer drops out with probability p. Across customers
 * λ ~ Gamma(shape r, rate alpha) and p ~ Beta(a, b), independently. `alpha` is in the time unit
 * the model was fitted in (1/alpha is a rate per unit); r, a, b have no unit. All four are > 0.
 */
export interface BgNbdParameters {
  readonly r: number;
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
}
