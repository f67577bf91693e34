// The built-in models, in the order the card shows them.
import { dbcgItc, dbcgMicro } from './builtin/dbcg.ts';
import { mskccNsnNoFrozenSection } from './builtin/mskcc-nsn-nofs.ts';
import { mskccNsn } from './builtin/mskcc-nsn.ts';
import { sysuPn2 } from './builtin/sysu-pn2.ts';
import type { ModelDefinition } from './definition.ts';

export const BUILTIN_MODELS: readonly ModelDefinition[] = [
  mskccNsn,
  mskccNsnNoFrozenSection,
  dbcgMicro,
  dbcgItc,
  sysuPn2,
];

/**
 * Models published but not implementable (docs/models.md "Models known but not implemented"): shown in "about the models", never as results.
 */
export const KNOWN_UNIMPLEMENTABLE: readonly { name: string; citation: string; why: string }[] = [
  {
    name: 'Tenon score',
    citation: 'Barranger 2005; cut-off ≤3.5 low risk, NPV 95.8% in Coutant 2009',
    why: 'point table not available',
  },
  { name: 'Stanford', citation: 'Kohrt 2008', why: 'equation not available' },
  { name: 'MD Anderson', citation: 'Hwang 2003; revised nomogram', why: 'point table not available' },
  { name: 'Cambridge', citation: 'Pal 2008', why: 'coefficients not available' },
  {
    name: 'Mayo',
    citation: 'Degnim 2005 (SLN metastasis >2 mm, extracapsular extension, tumour >2 cm, LVI, >1 positive SLN)',
    why: 'coefficients not available',
  },
  { name: 'Helsinki', citation: 'Meretoja', why: 'coefficients not available' },
  { name: 'Houvenaeghel', citation: 'Houvenaeghel', why: 'coefficients not available' },
];
