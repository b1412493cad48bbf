// Whether the screen is a phone's: below Ant Design's `md` breakpoint (768 px), where a table becomes a list of cards,
// the menu a drawer and a page one column. One rule for every screen, so they change together.
import { Grid } from 'antd';

export function useNarrow(): boolean {
  const screens = Grid.useBreakpoint();
  // before the first measurement every breakpoint is unknown: a wide screen is assumed, as before
  return screens.md === false;
}

/**
 * Whether the menu is a drawer: below `lg` (992 px) — a phone on its side, a tablet upright — where the horizontal
 * menu would fold half its entries into "···".
 */
export function useDrawerMenu(): boolean {
  return Grid.useBreakpoint().lg === false;
}
