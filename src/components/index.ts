/**
 * The components editors can use in any guide's MDX without importing them: exactly the
 * components whose props src/guide/components.ts describes (the type says so, both ways).
 */
import type { ComponentName } from '../guide/components.ts';
import AppStoreLinks from './AppStoreLinks.astro';
import Callout from './Callout.astro';
import GuideList from './GuideList.astro';
import Label from './Label.astro';
import OwnerReview from './OwnerReview.astro';
import Screenshot from './Screenshot.astro';
import ServiceDesk from './ServiceDesk.astro';
import Setting from './Setting.astro';
import Step from './Step.astro';
import Steps from './Steps.astro';
import TrustNote from './TrustNote.astro';

export const guideComponents = {
  AppStoreLinks,
  Callout,
  GuideList,
  Label,
  OwnerReview,
  Screenshot,
  ServiceDesk,
  Setting,
  Step,
  Steps,
  TrustNote,
} satisfies Record<ComponentName, unknown>;
