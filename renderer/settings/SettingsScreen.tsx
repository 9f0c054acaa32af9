import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { TillBridge, TillSettingsView } from '../../electron/preload/bridge-types';
import {
  bridgeFieldErrors, formFromSettings, settingsInput, validateSettings, type FieldErrors, type SettingsField,
  type SettingsForm,
} from './settings-rules';
import { TextField } from './TextField';

interface SettingsScreenProps {
  bridge: TillBridge;
  settings: TillSettingsView;
  onSaved(settings: TillSettingsView): void;
}

export function SettingsScreen({ bridge, settings, onSaved }: SettingsScreenProps) {
  const [form, setForm] = useState<SettingsForm>(() => formFromSettings(settings));
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState('');
  const [notice, setNotice] = useState('');
  const [saving, setSaving] = useState(false);
  const [checked, setChecked] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  // Settings changed elsewhere (another window, the engine) show up here unless the cashier is mid-edit.
  useEffect(() => {
    if (!dirty) setForm(formFromSettings(settings));
  }, [settings, dirty]);

  function update<K extends SettingsField>(field: K, value: SettingsForm[K]): void {
    const next = { ...form, [field]: value };
    setForm(next);
    setDirty(true);
    setNotice('');
    // After a first Save, errors follow the typing so the cashier sees each one clear.
    if (checked) setErrors(validateSettings(next));
  }

  function focusFirstError(fields: FieldErrors): void {
    const first = Object.keys(fields)[0];
    if (first) formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
  }

  async function save(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (saving) return;
    setChecked(true);
    setFormError('');
    setNotice('');
    const found = validateSettings(form);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setFormError('Some settings need fixing before they can be saved.');
      focusFirstError(found);
      return;
    }
    setSaving(true);
    const result = await bridge.saveSettings(settingsInput(form));
    setSaving(false);
    if (result.ok) {
      setDirty(false);
      setChecked(false);
      setForm(formFromSettings(result.value));
      setNotice('Settings saved.');
      onSaved(result.value);
      return;
    }
    const { errors: fieldErrors, other } = bridgeFieldErrors(result.fields);
    setErrors(fieldErrors);
    setFormError([`The till did not save the settings: ${result.message}`, ...other].join(' '));
    focusFirstError(fieldErrors);
  }

  const text = (field: Exclude<SettingsField, 'hubMode' | 'customerDisplay'>) => ({
    id: field,
    value: form[field],
    error: errors[field],
    onValue: (value: string) => update(field, value),
    autoComplete: 'off',
    spellCheck: false,
  });

  return (
    <section className="settings-screen" aria-labelledby="settings-heading">
      <h1 id="settings-heading" className="screen-title">Settings</h1>
      <form ref={formRef} className="settings-form" onSubmit={(event) => void save(event)} noValidate>
        <p className="field-error form-error" role="alert">{formError}</p>
        <fieldset className="panel">
          <legend>Payment service (hub)</legend>
          <div className="field" role="radiogroup" aria-labelledby="hubMode-label">
            <span id="hubMode-label" className="field-label">Hub</span>
            <div className="radio-row">
              <label className="choice">
                <input type="radio" name="hubMode" value="local" checked={form.hubMode === 'local'} onChange={() => update('hubMode', 'local')} />
                Local (runs on this till)
              </label>
              <label className="choice">
                <input type="radio" name="hubMode" value="remote" checked={form.hubMode === 'remote'} onChange={() => update('hubMode', 'remote')} />
                Remote
              </label>
            </div>
          </div>
          <TextField {...text('hubUrl')} label="Hub URL" type="url" hint="For example http://127.0.0.1:8480" />
          <TextField {...text('clientId')} label="Client id" />
          <TextField
            {...text('password')}
            label="Password"
            type="password"
            autoComplete="new-password"
            hint={settings.passwordSet ? 'Password: set. Leave empty to keep it.' : 'Password: not set.'}
          />
        </fieldset>
        <fieldset className="panel">
          <legend>Merchant</legend>
          <TextField {...text('terminalId')} label="Terminal id" hint="Exactly 8 characters" />
          <TextField {...text('merchantId')} label="Merchant id" hint="Exactly 15 characters" />
          <TextField {...text('merchantName')} label="Merchant name" hint="Up to 23 characters, shown to the customer" />
          <TextField {...text('merchantCity')} label="Merchant city" hint="Up to 13 characters" />
        </fieldset>
        <fieldset className="panel">
          <legend>Money and time</legend>
          <TextField
            {...text('currency')}
            label="Currency"
            hint="ISO 4217 code, e.g. ZAR"
            maxLength={3}
            onValue={(value) => update('currency', value.toUpperCase())}
          />
          <TextField {...text('locale')} label="Locale" hint="Formats amounts and times, e.g. en-ZA" />
          <TextField {...text('payTimeoutSeconds')} label="Pay timeout (seconds)" inputMode="numeric" hint="5 to 600" />
          <TextField {...text('scanWindowSeconds')} label="Scan window (seconds)" inputMode="numeric" hint="1 to 600, as set on the hub" />
        </fieldset>
        <fieldset className="panel">
          <legend>Display</legend>
          <label className="choice">
            <input
              type="checkbox"
              name="customerDisplay"
              checked={form.customerDisplay}
              onChange={(event) => update('customerDisplay', event.target.checked)}
            />
            Show a customer display on a second screen
          </label>
          <p className="field-hint">Demo mode is {settings.demoMode ? 'on' : 'off'} (set in the till's configuration file).</p>
        </fieldset>
        <div className="settings-actions">
          <button type="submit" className="button button--primary button--large" disabled={saving}>
            {saving ? 'Saving…' : 'Save'}
          </button>
          <p className="notice" role="status">{notice}</p>
        </div>
      </form>
    </section>
  );
}
