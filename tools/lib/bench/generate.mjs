#!/usr/bin/env node
// Seeded generator of realistic synthetic collections in the Paperscope bundle format
// (docs/bundle-format.md), streamed to disk: memory stays flat however many papers.
//
//   node generate.mjs --papers 100000 [--seed 1] [--shape hf|arxiv|s2|csl] --out FILE.json
//   (--shape: the same papers in another format's shape, shapes.mjs)
//
// What it makes, and why it looks like a real paper feed to a search engine:
// - Abstracts of ~1,500 characters (1,100–1,900) from a Zipf-distributed vocabulary of
//   ~50,000 words: function words and academic words at the top, ~600 real ML/CS terms in
//   the middle ranks, pronounceable pseudo-words in the long tail. Each paper has a topic
//   (diffusion, LLMs, graphs, …) whose terms it uses more, so multi-word queries co-occur
//   as they do in real abstracts; plus a fresh model name per paper ("Vorantix-7B"), so the
//   vocabulary keeps growing with the collection (Heaps' law) as real ones do.
// - Titles from common patterns ("X: Efficient Diffusion Transformers for Video Editing").
// - 1–8 authors drawn (Zipf: prolific authors recur) from a pool of names that includes
//   accented ones (Zoë Müller, Łukasz Wójcik, Søren Ødegaard, Jürgen Weiß, …).
// - arXiv categories and keywords as tags; dates skewed recent, at day, month or year
//   precision, some undated; power-law upvotes (most papers few, a few thousands); code
//   links on github.com for about a third, project pages for some, venues for a quarter.
//
// Deterministic: the same seed and count give the same bytes on any machine. Only our own
// integer PRNG (sfc32) is used, and only arithmetic IEEE 754 rounds exactly (+ - * / sqrt),
// so nothing depends on the platform's Math.pow/log.
import fs from 'node:fs';
import path from 'node:path';
import { SHAPES } from './shapes.mjs';

// [SECTION] Random numbers

function sfc32(a, b, c, d) {
  return function next() {
    a |= 0; b |= 0; c |= 0; d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
}

export function makeRandom(seed) {
  // splitmix32 spreads the seed over sfc32's state.
  let s = seed >>> 0;
  const mix = () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  const next = sfc32(mix(), mix(), mix(), mix());
  for (let i = 0; i < 16; i++) next();
  const rnd = {
    u32: next,
    float: () => next() / 4294967296,                // [0, 1)
    int: (n) => Math.floor((next() / 4294967296) * n),  // [0, n)
    chance: (p) => next() / 4294967296 < p,
    pick: (list) => list[Math.floor((next() / 4294967296) * list.length)],
  };
  return rnd;
}

// Walker's alias method: O(1) draws from a fixed discrete distribution.
function aliasTable(weights) {
  const n = weights.length;
  let total = 0;
  for (const w of weights) total += w;
  const prob = new Float64Array(n);
  const alias = new Int32Array(n);
  const scaled = new Float64Array(n);
  const small = [];
  const large = [];
  for (let i = 0; i < n; i++) {
    scaled[i] = (weights[i] * n) / total;
    (scaled[i] < 1 ? small : large).push(i);
  }
  while (small.length && large.length) {
    const s = small.pop();
    const l = large.pop();
    prob[s] = scaled[s];
    alias[s] = l;
    scaled[l] = scaled[l] + scaled[s] - 1;
    (scaled[l] < 1 ? small : large).push(l);
  }
  for (const i of large) prob[i] = 1;
  for (const i of small) prob[i] = 1;
  return (rnd) => {
    const i = rnd.int(n);
    return rnd.float() < prob[i] ? i : alias[i];
  };
}

// Zipf–Mandelbrot weights 1/(rank + q)^s, s = 1 or 9/8 (x^(1/8) as three square roots:
// exactly rounded, unlike Math.pow, so the tables are the same on every platform).
const zipfWeights = (n, q, steep = false) => Array.from({ length: n }, (_, r) => {
  const x = r + 1 + q;
  return 1 / (steep ? x * Math.sqrt(Math.sqrt(Math.sqrt(x))) : x);
});

// [SECTION] Words

const FUNCTION_WORDS = `the of and to a in we is for that with on this by as are our from be an which
  can it these its at or not both than has have such while each into more between over their
  when how also only but other two all been one using used through without however most new
  under across while where they then show first while been very well both three whether
  within further here thus even many often so whereas since upon among via per`.split(/\s+/);

const ACADEMIC_WORDS = `model models learning data method methods results approach performance
  propose proposed task tasks training based framework paper show existing novel state
  art problem work information demonstrate different large set experiments accuracy
  evaluation significantly improve improves improved outperforms baseline baselines
  extensive effective efficient achieves achieve introduce present analysis study
  studies proposes network networks networked structure structures prior recent
  challenging challenge challenges specific general domain domains standard quality
  robust simple scalable key important various multiple single high low level levels
  function functions space spaces small large-scale end-to-end state-of-the-art
  open-source trained train test testing evaluate evaluated compared comparison
  strong consistent consistently substantial theoretical empirical empirically
  insights limitations limited tradeoff trade-off objective objectives setting settings
  original output outputs input inputs process processing design designed capability
  capabilities understanding leverage leverages leveraging enable enables enabling
  generalize generalization remains remain crucial effectiveness efficiency superior
  competitive fine-grained complex real-world downstream pipeline module modules
  component components strategy strategies mechanism mechanisms release released code
  available publicly extensive comprehensive surpasses surpassing significant gains gain
  reduce reduces reducing cost costs computational resource resources memory time fast
  faster speed accurate precise address addresses addressing lack lacks gap gaps`.split(/\s+/);

// Topics: the terms a paper on it uses more, its usual arXiv category, its keywords.
const TOPICS = [
  ['diffusion', 'cs.CV', 'diffusion models;text-to-image;image generation;image editing',
    `diffusion denoising score generative image images generation text-to-image latent sampler
     sampling guidance classifier-free synthesis editing inpainting stable ddpm unet noise
     schedule fidelity photorealistic prompt prompts controllable`],
  ['llm', 'cs.CL', 'large language models;instruction tuning;alignment;reasoning',
    `language models llm llms pretraining instruction tuning fine-tuning alignment rlhf
     preference reasoning chain-of-thought prompting in-context tokens token decoding
     hallucination retrieval augmented benchmark benchmarks gpt llama mathematical`],
  ['transformers', 'cs.LG', 'transformers;attention;efficient architectures;mixture of experts',
    `transformer transformers attention self-attention layer layers head heads positional
     encoding sequence sequences efficient sparse linear mixture-of-experts experts routing
     scaling parameters context long-context memory architecture architectures`],
  ['rl', 'cs.LG', 'reinforcement learning;offline RL;multi-agent systems',
    `reinforcement policy policies reward rewards agent agents environment environments value
     q-learning actor-critic exploration offline trajectory trajectories planning markov
     decision multi-agent return sample-efficient`],
  ['vision', 'cs.CV', 'object detection;semantic segmentation;image classification',
    `image images segmentation detection object objects convolutional cnn vit pixel pixels
     semantic instance backbone feature features recognition classification resnet
     visual dense detector`],
  ['video', 'cs.CV', 'video generation;video understanding;action recognition',
    `video videos temporal frames frame motion action actions tracking spatio-temporal
     generation clip clips long-form consistency`],
  ['3d', 'cs.CV', '3D reconstruction;neural radiance fields;gaussian splatting',
    `3d point cloud clouds mesh meshes nerf radiance field fields gaussian splatting
     rendering reconstruction depth view views novel-view synthesis scene scenes geometry`],
  ['graphs', 'cs.LG', 'graph neural networks;molecular property prediction;link prediction',
    `graph graphs neural node nodes edge edges message passing gnn gnns molecular molecule
     link prediction embedding embeddings spectral heterogeneous topology`],
  ['speech', 'cs.SD', 'speech recognition;text-to-speech;audio generation',
    `speech audio recognition asr speaker speakers acoustic waveform tts spectrogram music
     voice prosody`],
  ['robotics', 'cs.RO', 'robot learning;manipulation;embodied AI',
    `robot robots robotic manipulation grasping locomotion control embodied sim-to-real
     navigation policy tactile dexterous demonstrations imitation`],
  ['optimization', 'cs.LG', 'optimization;generalization;learning theory',
    `gradient gradients descent convergence stochastic optimization convex nonconvex loss
     landscape generalization bound bounds theoretical regret adam learning-rate momentum`],
  ['multimodal', 'cs.CV', 'vision-language models;visual question answering;multimodal learning',
    `multimodal vision-language clip contrastive captioning caption visual question
     answering vqa grounding alignment image-text mllm`],
  ['efficiency', 'cs.LG', 'quantization;model compression;parameter-efficient fine-tuning',
    `quantization pruning distillation compression inference latency hardware sparsity
     low-rank lora adapter adapters parameter-efficient throughput accelerator`],
  ['security', 'cs.CR', 'adversarial robustness;privacy;federated learning',
    `adversarial robustness attack attacks defense privacy differential federated poisoning
     backdoor jailbreak jailbreaking watermark watermarking`],
  ['medical', 'eess.IV', 'medical imaging;clinical NLP;healthcare',
    `medical clinical imaging mri ct patient patients diagnosis radiology segmentation
     pathology ehr disease`],
  ['retrieval', 'cs.IR', 'information retrieval;recommender systems;dense retrieval',
    `recommendation recommender retrieval ranking search query queries document documents
     dense sparse user users click collaborative filtering`],
  ['code', 'cs.SE', 'code generation;LLM agents;program synthesis',
    `code program programs synthesis software agent agents tool tools api planning
     repository bug bugs execution`],
  ['science', 'cs.LG', 'time series forecasting;scientific machine learning;PDEs',
    `time series forecasting weather climate physics pde pdes neural-operator simulation
     scientific protein proteins`],
  ['nlp', 'cs.CL', 'machine translation;multilingual NLP;summarization',
    `bias fairness ethics toxicity translation multilingual low-resource summarization
     dialogue sentiment corpus corpora annotation`],
  ['ssl', 'cs.LG', 'self-supervised learning;representation learning;domain adaptation',
    `self-supervised contrastive representation representations masked autoencoder
     pretraining embedding transfer few-shot zero-shot domain adaptation continual`],
].map(([name, category, keywords, terms], index) => ({
  name, index, category, keywords: keywords.split(';'), terms: terms.trim().split(/\s+/),
}));

const CATEGORIES = ['cs.LG', 'cs.CV', 'cs.CL', 'cs.AI', 'stat.ML', 'cs.RO', 'cs.IR', 'cs.NE',
  'eess.IV', 'cs.SD', 'cs.CR', 'cs.SE', 'cs.HC', 'math.OC', 'q-bio.QM', 'cs.DC'];

const ONSETS = ['b', 'c', 'd', 'f', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'b',
  'c', 'd', 'l', 'm', 'n', 'p', 'r', 's', 't', 'w', 'z', 'j', 'br', 'cr', 'dr', 'gr', 'pr', 'st',
  'tr', 'sh', 'ch', 'th', 'pl', 'sp', '', ''];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'a', 'e', 'i', 'o', 'a', 'e', 'ai', 'ea', 'ou', 'io'];
const CODAS = ['', '', '', '', '', 'n', 'r', 's', 'l', 'm', 't', 'n', 'r', 'x', 'nd', 'st', 'ng'];

function pseudoWord(rnd, syllables) {
  let w = '';
  for (let i = 0; i < syllables; i++) w += rnd.pick(ONSETS) + rnd.pick(VOWELS) + rnd.pick(CODAS);
  return w;
}

function buildVocabulary(rnd, size) {
  const words = [];
  const seen = new Set();
  const add = (w) => { if (!seen.has(w)) { seen.add(w); words.push(w); } };
  FUNCTION_WORDS.forEach(add);
  ACADEMIC_WORDS.forEach(add);
  const real = [];
  for (const topic of TOPICS) for (const t of topic.terms) if (!seen.has(t)) real.push(t);
  // Real terms land in ranks ~350..~5000 among pseudo-words: frequent but not stop words.
  const realSet = new Set(real);
  let r = 0;
  while (words.length < size) {
    if (r < real.length && words.length >= 350 + r * 7) {
      add(real[r++]);
      continue;
    }
    const w = pseudoWord(rnd, 2 + rnd.int(2) + (words.length > 20000 && rnd.chance(0.3) ? 1 : 0));
    if (w.length >= 3 && !realSet.has(w)) add(w);
  }
  return words;
}

// [SECTION] Names

const FIRST_NAMES = `Wei Li Jing Yang Hao Yu Xin Chen Min Jun Hyun Seo Ji Yuki Haruto Aiko Kenji Arjun
  Priya Rahul Ananya Vikram Sanjay Deepika Mohammed Fatima Omar Layla Yusuf Amir Sara David Maria
  John Michael Emily Sarah James Anna Daniel Laura Thomas Julia Lucas Emma Noah Olivia Liam Sophia
  Ethan Mia Alexander Elena Ivan Olga Dmitri Natalia Sergei Tatiana Pierre Camille Antoine Chloé
  Hélène François Jérôme Amélie Zoë Noémie José Ángel Sofía Martín Inés Raúl Lucía Joaquín João
  Conceição Gonçalo Łukasz Paweł Wojciech Małgorzata Katarzyna Michał Jürgen Jörg Björn Günter
  Käthe Søren Bjørn Åsa Øystein Kristín Þór Dagný Çağlar Gökhan Ayşe Şebnem İlker Zoltán Ádám
  Dorottya Tomáš Jiří Radek Ondřej Nguyễn Thảo Minh Đức Kwame Ama Chidi Ngozi Tunde Aisha Pablo
  Carlos Diego Valentina Matteo Giulia Francesca Luca Niccolò Andrea Ravi Meera Kavya Tariq Noor
  Hamid Reza Shirin Dara Kai Lena Felix Clara Jonas Hannah Max Paul Marie Leon Ida Oskar Frida`.trim().split(/\s+/);

const LAST_NAMES = `Zhang Wang Li Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo Lin He Gao Luo
  Kim Lee Park Choi Jung Kang Cho Yoon Tanaka Suzuki Sato Takahashi Watanabe Ito Nakamura Kobayashi
  Sharma Patel Singh Kumar Gupta Reddy Iyer Nair Rao Mehta Khan Ahmed Hassan Ali Hussein Haddad
  Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore Martin
  Jackson White Harris Clark Lewis Walker Young Allen King Wright Scott Green Baker Adams Nelson
  Müller Mueller Muller Schröder Schäfer Weiß Groß Köhler Günther Krüger Fischer Becker Hoffmann
  Schmidt Wagner Neumann Dubois Lefèvre Girard Mercier Bérubé Côté Gagné Fontaine Moreau Laurent
  García Martínez Rodríguez López Sánchez Pérez Gómez Fernández Díaz Muñoz Núñez Jiménez Álvarez
  Gonçalves Araújo Conceição Magalhães Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński
  Lewandowski Zieliński Szymański Dąbrowski Kozłowski Jankowski Mazur Krawczyk Søndergaard
  Ødegaard Jørgensen Sørensen Løvås Kjær Åberg Ström Lindqvist Öberg Nyström Håkansson
  Dvořák Novák Svoboda Černý Procházka Kučera Horváth Szabó Tóth Kovács Nagy Yılmaz Kaya Demir
  Şahin Çelik Öztürk Aydın Nguyen Tran Pham Hoang Phan Vu Dang Bui Đặng Okafor Mensah Adeyemi
  Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Ivanov Petrov Smirnov
  Kuznetsov Popov Sokolov Volkov Kozlov Novikov Morozov Kaiser Hinton Bengio Sutskever Schmidhuber`
  .trim().split(/\s+/);

const LABS = ['openlab', 'deepmind-research', 'facebookresearch', 'google-research', 'microsoft',
  'nvlabs', 'allenai', 'huggingface', 'salesforce', 'apple', 'thu-ml', 'mit-han-lab', 'stanford-crfm',
  'berkeley-ai', 'eth-ait', 'cmu-lti', 'kaist-ai', 'snap-research', 'sail-sg', 'ibm'];

const VENUES = ['NeurIPS', 'ICML', 'ICLR', 'CVPR', 'ICCV', 'ECCV', 'ACL', 'EMNLP', 'NAACL', 'AAAI',
  'IJCAI', 'KDD', 'SIGIR', 'WWW', 'CoRL', 'ICRA', 'Interspeech', 'MICCAI', 'TMLR', 'JMLR'];

const ADJECTIVES = ['Efficient', 'Scalable', 'Robust', 'Unified', 'Generalizable', 'Simple',
  'Adaptive', 'Hierarchical', 'Interpretable', 'Controllable', 'Lightweight', 'Universal',
  'Self-Supervised', 'Zero-Shot', 'Few-Shot', 'Sparse', 'Dense', 'Fast', 'Faithful', 'Compositional',
  'Multi-Scale', 'Training-Free', 'Data-Efficient', 'Causal', 'Probabilistic', 'Continual'];

const VERBS = ['Learn', 'Reason', 'Plan', 'Generate', 'Align', 'Edit', 'Retrieve', 'Segment',
  'Predict', 'Compress', 'Explain', 'Navigate', 'Translate', 'Ground', 'Forecast', 'Verify'];

// [SECTION] One paper

const ACRONYMS = new Set(['3d', 'ai', 'api', 'asr', 'cnn', 'ct', 'ddpm', 'ehr', 'gnn', 'gnns',
  'gpt', 'llm', 'llms', 'lora', 'mllm', 'mri', 'nerf', 'pde', 'pdes', 'rl', 'rlhf', 'tts', 'vit',
  'vqa']);
const titleCase = (w) => w.split('-').map((p) => (ACRONYMS.has(p) || p.length <= 2
  ? p.toUpperCase().replace(/S$/, 's') : p[0].toUpperCase() + p.slice(1))).join('-');
const capitalize = (s) => s[0].toUpperCase() + s.slice(1);

function modelName(rnd) {
  const base = capitalize(pseudoWord(rnd, 2 + rnd.int(2)));
  const suffix = rnd.pick(['', '', '', 'Net', 'Former', 'GPT', 'Diff', '-7B', '-XL', 'LM', '++', '-R1', 'Gen']);
  return base + suffix;
}

class PaperMaker {
  constructor(seed, count) {
    this.rnd = makeRandom(seed);
    const rnd = this.rnd;
    this.vocabulary = buildVocabulary(rnd, 50000);
    this.drawWord = aliasTable(zipfWeights(this.vocabulary.length, 1.5, true));
    this.contentStart = FUNCTION_WORDS.length;  // words a title may use start here
    this.drawTopic = aliasTable(zipfWeights(TOPICS.length, 3));
    this.topicTerm = TOPICS.map((t) => aliasTable(zipfWeights(t.terms.length, 2)));
    // Authors: a pool that recurs across papers, prolific ones more often.
    const poolSize = Math.max(200, Math.min(250000, Math.floor(count / 2)));
    this.authorFirst = new Int32Array(poolSize);
    this.authorLast = new Int32Array(poolSize);
    const drawFirst = aliasTable(zipfWeights(FIRST_NAMES.length, 20));
    const drawLast = aliasTable(zipfWeights(LAST_NAMES.length, 30));
    for (let i = 0; i < poolSize; i++) {
      this.authorFirst[i] = drawFirst(rnd);
      this.authorLast[i] = drawLast(rnd);
    }
    this.drawAuthor = aliasTable(zipfWeights(poolSize, 10));
    this.drawAuthorCount = aliasTable([8, 15, 20, 18, 14, 10, 8, 7]);
    this.arxivCounters = new Map();  // yymm → last number used
    this.created = Date.UTC(2025, 9, 1);
    this.index = 0;
  }

  word(topic) {
    const rnd = this.rnd;
    if (rnd.chance(0.12)) return topic.terms[this.topicTerm[topic.index](rnd)];
    return this.vocabulary[this.drawWord(rnd)];
  }

  // A word for a title or a key phrase: mostly the topic's terms.
  contentWord(topic) {
    for (;;) {
      if (this.rnd.chance(0.65)) return topic.terms[this.topicTerm[topic.index](this.rnd)];
      const i = this.drawWord(this.rnd);
      if (i >= this.contentStart) return this.vocabulary[i];
    }
  }

  sentence(topic, name) {
    const rnd = this.rnd;
    const n = 10 + rnd.int(19);
    const words = [];
    for (let i = 0; i < n; i++) {
      let w = this.word(topic);
      const roll = rnd.float();
      if (roll < 0.012) w = `${(rnd.int(900) + 10) / 10}%`;
      else if (roll < 0.02) w = String(rnd.int(100) + 2);
      else if (roll < 0.026) w = `(${pseudoWord(rnd, 1 + rnd.int(2)).toUpperCase()})`;
      else if (roll < 0.03) w = name;
      words.push(w);
      if (i > 2 && i < n - 2 && rnd.chance(0.06)) words[words.length - 1] += ',';
    }
    return capitalize(words.join(' ')) + '.';
  }

  abstract(topic, name, code) {
    const rnd = this.rnd;
    const target = 1100 + rnd.int(800);
    const adjective = rnd.pick(ADJECTIVES).toLowerCase();
    const article = /^[aeiou]/.test(adjective) ? 'an' : 'a';
    const first = `We ${rnd.pick(['propose', 'introduce', 'present'])} ${name}, ${article} ${adjective} ${
      this.contentWord(topic)} ${this.contentWord(topic)} for ${this.contentWord(topic)} ${
      this.contentWord(topic)}.`;
    let text = rnd.chance(0.6) ? first : this.sentence(topic, name);
    while (text.length < target) text += ' ' + this.sentence(topic, name);
    if (code && rnd.chance(0.4)) text += ` Code is available at ${code}.`;
    return text;
  }

  title(topic, name) {
    const rnd = this.rnd;
    const used = new Set();
    const t = () => {  // a title word not used yet in this title
      for (let tries = 0; ; tries++) {
        const w = this.contentWord(topic);
        if (!used.has(w) || tries > 8) {
          used.add(w);
          return titleCase(w);
        }
      }
    };
    const a = () => rnd.pick(ADJECTIVES);
    switch (rnd.int(8)) {
      case 0: return `${name}: ${a()} ${t()} ${t()} for ${t()} ${t()}`;
      case 1: return `${a()} ${t()} ${t()} with ${t()} ${t()}`;
      case 2: return `Towards ${a()} ${t()} ${t()}`;
      case 3: return `On the ${t()} of ${t()} ${t()}`;
      case 4: return `${t()} ${t()} Is All You Need`;
      case 5: return `Learning to ${rnd.pick(VERBS)} ${t()} from ${t()} ${t()}`;
      case 6: return `${name}: ${rnd.pick(VERBS)}ing ${t()} ${t()} at Scale`;
      default: return `${t()} ${t()}: ${a()} ${t()} via ${t()} ${t()}`;
    }
  }

  next() {
    const rnd = this.rnd;
    const n = this.index++;
    const topic = TOPICS[this.drawTopic(rnd)];
    const name = modelName(rnd);
    const paper = {};

    // Date: age in days skewed to the recent past (u² of ~16 years); precision varies.
    const age = Math.floor(rnd.float() * rnd.float() * 5800);
    const when = new Date(this.created - age * 86400000);
    const year = when.getUTCFullYear();
    const month = when.getUTCMonth() + 1;
    const day = when.getUTCDate();
    const pad = (v) => String(v).padStart(2, '0');
    const roll = rnd.float();
    const precision = roll < 0.85 ? 3 : roll < 0.92 ? 2 : roll < 0.95 ? 1 : 0;

    // Id: an arXiv id numbered within its month (as arXiv does), else a DOI.
    let id = null;
    if (precision > 0 && rnd.chance(0.92)) {
      const yymm = `${pad(year % 100)}${pad(month)}`;
      const number = (this.arxivCounters.get(yymm) || 0) + 1;
      const digits = year >= 2015 ? 5 : 4;
      if (number < 10 ** digits) {
        this.arxivCounters.set(yymm, number);
        id = `${yymm}.${String(number).padStart(digits, '0')}`;
      }
    }
    paper.id = id || `10.5555/ps-syn.${n}`;
    const code = rnd.chance(0.35)
      ? `https://github.com/${rnd.chance(0.5) ? rnd.pick(LABS)
        : LAST_NAMES[rnd.int(LAST_NAMES.length)].normalize('NFKD').replace(/[^A-Za-z]/g, '').toLowerCase()
      }/${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`
      : null;
    paper.title = this.title(topic, name);
    paper.abstract = this.abstract(topic, name, code);

    const authorCount = 1 + this.drawAuthorCount(rnd);
    const authors = [];
    for (let i = 0; i < authorCount; i++) {
      const a = this.drawAuthor(rnd);
      const full = `${FIRST_NAMES[this.authorFirst[a]]} ${LAST_NAMES[this.authorLast[a]]}`;
      if (!authors.includes(full)) authors.push(full);
    }
    paper.authors = authors;
    if (rnd.chance(0.03)) paper.author_count = authors.length + 1 + rnd.int(40);  // "et al."

    if (precision === 3) paper.date = `${year}-${pad(month)}-${pad(day)}`;
    else if (precision === 2) paper.date = `${year}-${pad(month)}`;
    else if (precision === 1) paper.date = `${year}`;
    if (precision === 3 && year >= 2023 && rnd.chance(0.3)) {
      const f = new Date(this.created - Math.max(0, age - 1 - rnd.int(5)) * 86400000);
      paper.featured = `${f.getUTCFullYear()}-${pad(f.getUTCMonth() + 1)}-${pad(f.getUTCDate())}`;
    }
    // Upvotes: most papers none or few, a long tail up to thousands (Pareto, alpha 1).
    if (rnd.chance(0.55)) paper.upvotes = Math.floor(2 / (rnd.float() + 0.0004)) - 1;
    if (rnd.chance(0.25) && precision > 0) paper.venue = `${rnd.pick(VENUES)} ${year}`;

    const tags = [{ kind: 'category', value: topic.category }];
    if (rnd.chance(0.5)) {
      const other = rnd.pick(CATEGORIES);
      if (other !== topic.category) tags.push({ kind: 'category', value: other });
    }
    const keywords = rnd.int(4);
    for (let i = 0; i < keywords; i++) {
      const k = rnd.pick(topic.keywords);
      if (!tags.some((t) => t.value === k)) tags.push({ kind: 'keyword', value: k });
    }
    paper.tags = tags;

    if (id || rnd.chance(0.2)) {
      paper.external_ids = {};
      if (id) paper.external_ids.arxiv = id;
      if (rnd.chance(0.2)) paper.external_ids.doi = `10.${1000 + rnd.int(9000)}/${name.toLowerCase()}.${n}`;
    }
    const links = [];
    if (code) links.push({ url: code, kind: 'code' });
    if (rnd.chance(0.12)) {
      links.push({ url: `https://${name.toLowerCase().replace(/[^a-z0-9]+/g, '')}.github.io/`, kind: 'project' });
    }
    if (id) links.push({ url: `https://arxiv.org/pdf/${id}`, kind: 'pdf' });
    if (links.length) paper.links = links;
    return paper;
  }
}

// [SECTION] Streaming a collection to disk

// shape: 'bundle' (the default), or another format's shape for tools/bench --import
// (shapes.mjs): the same papers, with that format's extras from a PRNG of their own.
export function generate({ papers, seed = 1, out, shape = 'bundle', onProgress }) {
  const writer = SHAPES[shape];
  if (!writer) throw new Error(`unknown shape ${shape} (${Object.keys(SHAPES).join(', ')})`);
  const maker = new PaperMaker(seed, papers);
  const extras = makeRandom(seed ^ 0x5eed5);
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  const partial = `${out}.partial`;
  const fd = fs.openSync(partial, 'w');
  let chunk = '';
  let bytes = 0;
  const flush = () => {
    const buffer = Buffer.from(chunk, 'utf8');
    fs.writeSync(fd, buffer);
    bytes += buffer.length;
    chunk = '';
  };
  chunk += writer.head(seed, papers);
  for (let i = 0; i < papers; i++) {
    chunk += (i ? writer.separator : '') + writer.record(maker.next(), i, extras);
    if (chunk.length > 1 << 22) {
      flush();
      if (onProgress) onProgress(i + 1, bytes);
    }
  }
  chunk += writer.tail;
  flush();
  fs.closeSync(fd);
  fs.renameSync(partial, out);  // a killed run never leaves a file that looks complete
  return { papers, bytes };
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('generate.mjs')) {
  const args = process.argv.slice(2);
  const opt = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : fallback;
  };
  const papers = Number(opt('--papers', 10000));
  const seed = Number(opt('--seed', 1));
  const out = opt('--out', null);
  const shape = opt('--shape', 'bundle');
  if (!out || !Number.isInteger(papers) || papers < 0) {
    console.error(`usage: node generate.mjs --papers N [--seed S] [--shape ${Object.keys(SHAPES).join('|')}] --out FILE`);
    process.exit(2);
  }
  const started = performance.now();
  const { bytes } = generate({
    papers, seed, out, shape,
    onProgress: process.stderr.isTTY
      ? (n, b) => process.stderr.write(`\r  ${n} papers, ${(b / 1e6).toFixed(0)} MB`) : null,
  });
  const s = (performance.now() - started) / 1000;
  process.stderr.write(`\r${out}: ${papers} papers, ${(bytes / 1e6).toFixed(1)} MB in ${s.toFixed(1)} s\n`);
}
