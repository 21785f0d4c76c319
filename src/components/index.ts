/**
 * The components editors can use in any guide's MDX without importing them.
 * Each one documents its props at the top of its .astro file.
 */
import AppStoreLinks from './AppStoreLinks.astro';
import Callout from './Callout.astro';
import GuideList from './GuideList.astro';
import Label from './Label.astro';
import Screenshot from './Screenshot.astro';
import ServiceDesk from './ServiceDesk.astro';
import Setting from './Setting.astro';
import Step from './Step.astro';
import Steps from './Steps.astro';

export const guideComponents = {
  AppStoreLinks,
  Callout,
  GuideList,
  Label,
  Screenshot,
  ServiceDesk,
  Setting,
  Step,
  Steps,
};
