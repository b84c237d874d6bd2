import { initAll } from '../vendor/govuk/govuk-frontend.min.js';
import { enhanceFormsets } from './formsets.js';

initAll();
enhanceFormsets(document);
