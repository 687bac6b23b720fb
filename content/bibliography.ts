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
  lin2019fast: {
    authors: 'Wu Lin, Mohammad Emtiyaz Khan and Mark Schmidt',
    title: 'Fast and simple natural-gradient variational inference with mixture of exponential-family approximations',
    venue: 'Proceedings of the 36th International Conference on Machine Learning (ICML), PMLR 97',
    year: 2019,
    url: 'https://arxiv.org/abs/1906.02914',
  },
  himmelblau1972applied: {
    authors: 'David M. Himmelblau',
    title: 'Applied Nonlinear Programming',
    venue: 'McGraw-Hill',
    year: 1972,
  },
  robbins1951stochastic: {
    authors: 'Herbert Robbins and Sutton Monro',
    title: 'A stochastic approximation method',
    venue: 'The Annals of Mathematical Statistics, 22(3):400–407',
    year: 1951,
    url: 'https://doi.org/10.1214/aoms/1177729586',
  },
  kunstner2019limitations: {
    authors: 'Frederik Kunstner, Lukas Balles and Philipp Hennig',
    title: 'Limitations of the empirical Fisher approximation for natural gradient descent',
    venue: 'Advances in Neural Information Processing Systems 32 (NeurIPS), 4156–4167',
    year: 2019,
    url: 'https://arxiv.org/abs/1905.12558',
  },
  tieleman2012rmsprop: {
    authors: 'Tijmen Tieleman and Geoffrey Hinton',
    title: 'Lecture 6.5: RMSprop: divide the gradient by a running average of its recent magnitude',
    venue: 'COURSERA: Neural Networks for Machine Learning',
    year: 2012,
  },
  kingma2015adam: {
    authors: 'Diederik P. Kingma and Jimmy Ba',
    title: 'Adam: a method for stochastic optimization',
    venue: '3rd International Conference on Learning Representations (ICLR)',
    year: 2015,
    url: 'https://arxiv.org/abs/1412.6980',
  },
  khan2018fast: {
    authors: 'Mohammad Emtiyaz Khan, Didrik Nielsen, Voot Tangkaratt, Wu Lin, Yarin Gal and Akash Srivastava',
    title: 'Fast and scalable Bayesian deep learning by weight-perturbation in Adam',
    venue: 'Proceedings of the 35th International Conference on Machine Learning (ICML), PMLR 80',
    year: 2018,
    url: 'https://arxiv.org/abs/1806.04854',
  },
  shen2024variational: {
    authors:
      'Yuesong Shen, Nico Daheim, Bai Cong, Peter Nickl, Gian Maria Marconi, Clement Bazan, Rio Yokota, Iryna Gurevych, Daniel Cremers, Mohammad Emtiyaz Khan and Thomas Möllenhoff',
    title: 'Variational learning is effective for large deep networks',
    venue: 'Proceedings of the 41st International Conference on Machine Learning (ICML), PMLR 235:44665–44686',
    year: 2024,
    url: 'https://proceedings.mlr.press/v235/shen24b.html',
  },
  stein1981estimation: {
    authors: 'Charles M. Stein',
    title: 'Estimation of the mean of a multivariate normal distribution',
    venue: 'The Annals of Statistics, 9(6):1135–1151',
    year: 1981,
  },
  srivastava2014dropout: {
    authors: 'Nitish Srivastava, Geoffrey Hinton, Alex Krizhevsky, Ilya Sutskever and Ruslan Salakhutdinov',
    title: 'Dropout: a simple way to prevent neural networks from overfitting',
    venue: 'Journal of Machine Learning Research, 15(56):1929–1958',
    year: 2014,
    url: 'https://jmlr.org/papers/v15/srivastava14a.html',
  },
  gal2016dropout: {
    authors: 'Yarin Gal and Zoubin Ghahramani',
    title: 'Dropout as a Bayesian approximation: representing model uncertainty in deep learning',
    venue: 'Proceedings of the 33rd International Conference on Machine Learning (ICML), PMLR 48',
    year: 2016,
    url: 'https://arxiv.org/abs/1506.02142',
  },
  meng2020training: {
    authors: 'Xiangming Meng, Roman Bachmann and Mohammad Emtiyaz Khan',
    title: 'Training binary neural networks using the Bayesian learning rule',
    venue: 'Proceedings of the 37th International Conference on Machine Learning (ICML), PMLR 119',
    year: 2020,
    url: 'https://arxiv.org/abs/2002.10778',
  },
  maddison2017concrete: {
    authors: 'Chris J. Maddison, Andriy Mnih and Yee Whye Teh',
    title: 'The concrete distribution: a continuous relaxation of discrete random variables',
    venue: '5th International Conference on Learning Representations (ICLR)',
    year: 2017,
    url: 'https://arxiv.org/abs/1611.00712',
  },
  jang2017categorical: {
    authors: 'Eric Jang, Shixiang Gu and Ben Poole',
    title: 'Categorical reparameterization with Gumbel-softmax',
    venue: '5th International Conference on Learning Representations (ICLR)',
    year: 2017,
    url: 'https://arxiv.org/abs/1611.01144',
  },
  bengio2013estimating: {
    authors: 'Yoshua Bengio, Nicholas Léonard and Aaron Courville',
    title: 'Estimating or propagating gradients through stochastic neurons for conditional computation',
    venue: 'arXiv preprint arXiv:1308.3432',
    year: 2013,
    url: 'https://arxiv.org/abs/1308.3432',
  },
  bishop2006pattern: {
    authors: 'Christopher M. Bishop',
    title: 'Pattern Recognition and Machine Learning',
    venue: 'Springer',
    year: 2006,
  },
  blei2017variational: {
    authors: 'David M. Blei, Alp Kucukelbir and Jon D. McAuliffe',
    title: 'Variational inference: a review for statisticians',
    venue: 'Journal of the American Statistical Association, 112(518):859–877',
    year: 2017,
    url: 'https://arxiv.org/abs/1601.00670',
  },
  kalman1960new: {
    authors: 'Rudolph E. Kalman',
    title: 'A new approach to linear filtering and prediction problems',
    venue: 'Journal of Basic Engineering, 82(1):35–45',
    year: 1960,
  },
  tierney1986accurate: {
    authors: 'Luke Tierney and Joseph B. Kadane',
    title: 'Accurate approximations for posterior moments and marginal densities',
    venue: 'Journal of the American Statistical Association, 81(393):82–86',
    year: 1986,
  },
  mackay1992practical: {
    authors: 'David J. C. MacKay',
    title: 'A practical Bayesian framework for backpropagation networks',
    venue: 'Neural Computation, 4(3):448–472',
    year: 1992,
  },
  mackay1992evidence: {
    authors: 'David J. C. MacKay',
    title: 'The evidence framework applied to classification networks',
    venue: 'Neural Computation, 4(5):720–736',
    year: 1992,
  },
  dempster1977maximum: {
    authors: 'Arthur P. Dempster, Nan M. Laird and Donald B. Rubin',
    title: 'Maximum likelihood from incomplete data via the EM algorithm',
    venue: 'Journal of the Royal Statistical Society: Series B (Methodological), 39(1):1–38',
    year: 1977,
  },
  neal1998view: {
    authors: 'Radford M. Neal and Geoffrey E. Hinton',
    title: 'A view of the EM algorithm that justifies incremental, sparse, and other variants',
    venue: 'In M. I. Jordan (ed.), Learning in Graphical Models, Kluwer Academic Publishers',
    year: 1998,
  },
  winn2005variational: {
    authors: 'John Winn and Christopher M. Bishop',
    title: 'Variational message passing',
    venue: 'Journal of Machine Learning Research, 6:661–694',
    year: 2005,
    url: 'https://jmlr.org/papers/v6/winn05a.html',
  },
  hoffman2013stochastic: {
    authors: 'Matthew D. Hoffman, David M. Blei, Chong Wang and John Paisley',
    title: 'Stochastic variational inference',
    venue: 'Journal of Machine Learning Research, 14:1303–1347',
    year: 2013,
    url: 'https://jmlr.org/papers/v14/hoffman13a.html',
  },
  knowles2011nonconjugate: {
    authors: 'David A. Knowles and Tom Minka',
    title: 'Non-conjugate variational message passing for multinomial and binary regression',
    venue: 'Advances in Neural Information Processing Systems 24 (NIPS)',
    year: 2011,
  },
  polyak1964some: {
    authors: 'Boris T. Polyak',
    title: 'Some methods of speeding up the convergence of iteration methods',
    venue: 'USSR Computational Mathematics and Mathematical Physics, 4(5):1–17',
    year: 1964,
  },
  hoerl1970ridge: {
    authors: 'Arthur E. Hoerl and Robert W. Kennard',
    title: 'Ridge regression: biased estimation for nonorthogonal problems',
    venue: 'Technometrics, 12(1):55–67',
    year: 1970,
  },
  challis2013gaussian: {
    authors: 'Edward Challis and David Barber',
    title: 'Gaussian Kullback–Leibler approximate inference',
    venue: 'Journal of Machine Learning Research, 14:2239–2286',
    year: 2013,
    url: 'https://jmlr.org/papers/v14/challis13a.html',
  },
  immer2021improving: {
    authors: 'Alexander Immer, Maciej Korzepa and Matthias Bauer',
    title: 'Improving predictions of Bayesian neural nets via local linearization',
    venue: 'Proceedings of the 24th International Conference on Artificial Intelligence and Statistics (AISTATS), PMLR 130',
    year: 2021,
    url: 'https://arxiv.org/abs/2008.08400',
  },
  wenzel2020good: {
    authors:
      'Florian Wenzel, Kevin Roth, Bastiaan S. Veeling, Jakub Świątkowski, Linh Tran, Stephan Mandt, Jasper Snoek, Tim Salimans, Rodolphe Jenatton and Sebastian Nowozin',
    title: 'How good is the Bayes posterior in deep neural networks really?',
    venue: 'Proceedings of the 37th International Conference on Machine Learning (ICML), PMLR 119',
    year: 2020,
    url: 'https://arxiv.org/abs/2002.02405',
  },
  foong2020expressiveness: {
    authors: 'Andrew Y. K. Foong, David R. Burt, Yingzhen Li and Richard E. Turner',
    title: 'On the expressiveness of approximate inference in Bayesian neural networks',
    venue: 'Advances in Neural Information Processing Systems 33 (NeurIPS)',
    year: 2020,
    url: 'https://arxiv.org/abs/1909.00719',
  },
  raskutti2015information: {
    authors: 'Garvesh Raskutti and Sayan Mukherjee',
    title: 'The information geometry of mirror descent',
    venue: 'IEEE Transactions on Information Theory, 61(3):1451–1457',
    year: 2015,
  },
  beck2003mirror: {
    authors: 'Amir Beck and Marc Teboulle',
    title: 'Mirror descent and nonlinear projected subgradient methods for convex optimization',
    venue: 'Operations Research Letters, 31(3):167–175',
    year: 2003,
  },
  absil2008optimization: {
    authors: 'P.-A. Absil, R. Mahony and R. Sepulchre',
    title: 'Optimization Algorithms on Matrix Manifolds',
    venue: 'Princeton University Press',
    year: 2008,
  },
};
