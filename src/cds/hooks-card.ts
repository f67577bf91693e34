// The CDS Hooks 2.0 card, as the specification defines it (CDS Service Response): the one card type
// of the service that sends cards (src/cds) and of the sandbox EHR that receives them. Types only.

export interface CdsCoding {
  system?: string;
  code: string;
  display?: string;
}

export interface CdsLink {
  label: string;
  url: string;
  type: 'absolute' | 'smart';
  appContext?: string;
}

export interface CdsCard {
  uuid?: string;
  /** Fewer than 140 characters. */
  summary: string;
  /** GitHub Flavored Markdown. */
  detail?: string;
  indicator: 'info' | 'warning' | 'critical';
  source: { label: string; url?: string; icon?: string; topic?: CdsCoding };
  links?: CdsLink[];
}
