/**
 * The book's bibliography. Citation numbers follow the order of the keys in this object
 * (see `citationNumber` in ./components.tsx), so append new works at the end to keep the
 * numbers already in the text stable.
 *
 * Details were checked against the publishers' pages where possible; page ranges are given
 * only where we are sure of them.
 */
export interface BibEntry {
  /** Authors as they should be printed, e.g. "M. E. Khan and H. Rue". */
  authors: string;
  title: string;
  /** Journal, proceedings or publisher, with volume/number/pages when known. */
  venue: string;
  year: number;
  url?: string;
}

export const bibliography: Record<string, BibEntry> = {
  khan2023blr: {
    authors: 'Mohammad Emtiyaz Khan and Håvard Rue',
    title: 'The Bayesian learning rule',
    venue: 'Journal of Machine Learning Research, 24(281):1–46',
    year: 2023,
    url: 'https://jmlr.org/papers/v24/22-0291.html',
  },
  murphy2023pml2: {
    authors: 'Kevin P. Murphy',
    title: 'Probabilistic Machine Learning: Advanced Topics',
    venue: 'MIT Press',
    year: 2023,
    url: 'https://probml.github.io/pml-book/book2.html',
  },
  zellner1988optimal: {
    authors: 'Arnold Zellner',
    title: "Optimal information processing and Bayes's theorem",
    venue: 'The American Statistician, 42(4):278–280',
    year: 1988,
  },
  bissiri2016general: {
    authors: 'Pier Giovanni Bissiri, Chris C. Holmes and Stephen G. Walker',
    title: 'A general framework for updating belief distributions',
    venue: 'Journal of the Royal Statistical Society: Series B (Statistical Methodology), 78(5):1103–1130',
    year: 2016,
    url: 'https://doi.org/10.1111/rssb.12158',
  },
  hochreiter1997flat: {
    authors: 'Sepp Hochreiter and Jürgen Schmidhuber',
    title: 'Flat minima',
    venue: 'Neural Computation, 9(1):1–42',
    year: 1997,
    url: 'https://doi.org/10.1162/neco.1997.9.1.1',
  },
  wainwright2008graphical: {
    authors: 'Martin J. Wainwright and Michael I. Jordan',
    title: 'Graphical models, exponential families, and variational inference',
    venue: 'Foundations and Trends in Machine Learning, 1(1–2):1–305',
    year: 2008,
    url: 'https://doi.org/10.1561/2200000001',
  },
  amari1998natural: {
    authors: 'Shun-ichi Amari',
    title: 'Natural gradient works efficiently in learning',
    venue: 'Neural Computation, 10(2):251–276',
    year: 1998,
    url: 'https://doi.org/10.1162/089976698300017746',
  },
  martens2020new: {
    authors: 'James Martens',
    title: 'New insights and perspectives on the natural gradient method',
    venue: 'Journal of Machine Learning Research, 21(146):1–76',
    year: 2020,
    url: 'https://jmlr.org/papers/v21/17-678.html',
  },
  khan2017conjugate: {
    authors: 'Mohammad Emtiyaz Khan and Wu Lin',
    title:
      'Conjugate-computation variational inference: converting variational inference in non-conjugate models to inferences in conjugate models',
    venue: 'Proceedings of the 20th International Conference on Artificial Intelligence and Statistics (AISTATS), PMLR 54',
    year: 2017,
    url: 'https://arxiv.org/abs/1703.04265',
  },
  bonnet1964transformations: {
    authors: 'Georges Bonnet',
    title: 'Transformations des signaux aléatoires à travers les systèmes non linéaires sans mémoire',
    venue: 'Annales des Télécommunications, 19',
    year: 1964,
  },
  price1958useful: {
    authors: 'Robert Price',
    title: 'A useful theorem for nonlinear devices having Gaussian inputs',
    venue: 'IRE Transactions on Information Theory, 4(2):69–72',
    year: 1958,
  },
  rosenbrock1960automatic: {
    authors: 'H. H. Rosenbrock',
    title: 'An automatic method for finding the greatest or least value of a function',
    venue: 'The Computer Journal, 3(3):175–184',
    year: 1960,
  },
  lin2020handling: {
    authors: 'Wu Lin, Mark Schmidt and Mohammad Emtiyaz Khan',
    title: 'Handling the positive-definite constraint in the Bayesian learning rule',
    venue: 'Proceedings of the 37th International Conference on Machine Learning (ICML), PMLR 119',
    year: 2020,
    url: 'https://arxiv.org/abs/2002.10060',
  },
  osawa2019practical: {
    authors:
      'Kazuki Osawa, Siddharth Swaroop, Anirudh Jain, Runa Eschenhagen, Richard E. Turner, Rio Yokota and Mohammad Emtiyaz Khan',
    title: 'Practical deep learning with Bayesian principles',
    venue: 'Advances in Neural Information Processing Systems 32 (NeurIPS)',
    year: 2019,
    url: 'https://arxiv.org/abs/1906.02506',
  },
  opper2009variational: {
    authors: 'Manfred Opper and Cédric Archambeau',
    title: 'The variational Gaussian approximation revisited',
    venue: 'Neural Computation, 21(3):786–792',
    year: 2009,
    url: 'https://doi.org/10.1162/neco.2008.08-07-592',
  },
};
