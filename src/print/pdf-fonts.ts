import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * DejaVu Sans, regular and bold, from the `dejavu-fonts-ttf` package: embedded (subset) in every
 * printed schedule, so Spanish accents and most scripts print the same on any printer, unlike
 * PDF's built-in fonts, which only cover Latin-1.
 */
export const scheduleFonts = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
} as const;
