// Cost of the pure core from facts to assessment (all built-in models + evidence), in CPU time.
import { factsFromPlainInputs } from '../src/domain/validate.ts';
import { assess } from '../src/models/evaluate.ts';
import { medianCpuMs } from './timing.ts';

export function benchModels(): string[] {
  const facts = factsFromPlainInputs({
    histologicType: 'ductal',
    nuclearGrade: 2,
    erStatus: 'positive',
    slnExamined: 3,
    slnPositive: 2,
    slnItcOnly: 0,
    lvi: true,
    multifocal: false,
    tumorSizeMm: 22,
    detectionMethod: 'routine-he',
    nodalBurden: 'macro',
    axillaryUltrasoundSuspicious: false,
    clinicalT: 'cT2',
    clinicalN: 'cN0',
  });
  const batch = 1000;
  const ms = medianCpuMs(9, () => {
    for (let i = 0; i < batch; i++) assess(facts);
  });
  return [
    `models: assess() all built-in models + evidence: ${((ms * 1000) / batch).toFixed(1)} µs CPU per patient (median of 9 × ${batch})`,
  ];
}
