export type ScreenName = 'sale' | 'history' | 'settings';

export const NAV_ITEMS: readonly { screen: ScreenName; label: string; key: string; alt: string }[] = [
  { screen: 'sale', label: 'Sale', key: 'F2', alt: '1' },
  { screen: 'history', label: 'History', key: 'F3', alt: '2' },
  { screen: 'settings', label: 'Settings', key: 'F4', alt: '3' },
];

/** The screen a navigation key opens: F2/F3/F4, or Alt+1/2/3 on keyboards without function keys. */
export function screenForKey(event: Pick<KeyboardEvent, 'key' | 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey'>): ScreenName | undefined {
  if (event.ctrlKey || event.metaKey || event.shiftKey) return undefined;
  return NAV_ITEMS.find((item) => (event.altKey ? event.key === item.alt : event.key === item.key))?.screen;
}

interface NavBarProps {
  merchantName?: string;
  active: ScreenName;
  disabled: boolean;
  onNavigate(screen: ScreenName): void;
}

export function NavBar({ merchantName, active, disabled, onNavigate }: NavBarProps) {
  return (
    <header className="top-bar">
      <div className="brand">
        <img src="./favicon.svg" alt="" width={28} height={28} />
        <span className="brand-name">QR Till</span>
        {merchantName && <span className="brand-merchant">{merchantName}</span>}
      </div>
      <nav aria-label="Screens">
        <ul className="nav-list">
          {NAV_ITEMS.map((item) => (
            <li key={item.screen}>
              <button
                type="button"
                className="nav-button"
                aria-current={active === item.screen ? 'page' : undefined}
                aria-keyshortcuts={`${item.key} Alt+${item.alt}`}
                disabled={disabled}
                title={disabled ? 'Finish or cancel the payment first' : undefined}
                onClick={() => onNavigate(item.screen)}
              >
                {item.label} <kbd>{item.key}</kbd>
              </button>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
