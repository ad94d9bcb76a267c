import type { AttributionWindows } from '../../shared/analytics';
import type { SettingsStore } from '../settings/store';
import { parseConversionKeywords } from '../abtests';

/** What attribution and money need from Settings, read when an outcome is recorded (a change applies to later ones). */
export interface AnalyticsSettings {
  windows: AttributionWindows;
  currency: string;
  /** Reply words that count as a conversion (conversions.keywords plus the older abtests.conversionKeywords). */
  keywords: string[];
  thankYouUrl: string;
}

export function analyticsSettings(settings: Pick<SettingsStore, 'get'>): AnalyticsSettings {
  return {
    windows: {
      clickDays: settings.get('attribution.clickDays'),
      deliveryHours: settings.get('attribution.deliveryHours'),
    },
    currency: settings.get('business.currency'),
    keywords: conversionKeywords(settings),
    thankYouUrl: settings.get('conversions.thankYouUrl'),
  };
}

/** The general keywords and the A/B ones are one list: a "YES" converts whichever report looks at it. */
export function conversionKeywords(settings: Pick<SettingsStore, 'get'>): string[] {
  return parseConversionKeywords(
    `${settings.get('conversions.keywords')},${settings.get('abtests.conversionKeywords')}`,
  );
}
