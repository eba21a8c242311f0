import { defineDictionary } from '@mpp/ui';

export const DEVICE_DICTIONARY = defineDictionary(
  {
    'kiosk.device.title': 'Pengaturan perangkat',
    'kiosk.device.heading': 'Atur perangkat ini',
    'kiosk.device.hint':
      'Tempelkan token perangkat (diawali mppd_) yang dibuat admin MPP. Token disimpan di perangkat ini dan menentukan MPP tempat perangkat berada.',
    'kiosk.device.token': 'Token perangkat',
    'kiosk.device.tokenMissing': 'Isi token perangkat.',
    'kiosk.device.submit': 'Simpan dan mulai',
    'kiosk.device.checking': 'Memeriksa…',
    'kiosk.device.current': 'Terdaftar sebagai {name} di MPP {site}.',
    'kiosk.device.revoked':
      'Token perangkat ini tidak berlaku lagi (dicabut atau salah). Minta token baru kepada admin MPP.',
    'kiosk.device.invalid':
      'Token perangkat tidak dikenal atau sudah dicabut. Periksa kembali token, atau minta token baru kepada admin MPP.',
  },
  {
    'kiosk.device.title': 'Device setup',
    'kiosk.device.heading': 'Set up this device',
    'kiosk.device.hint':
      'Paste the device token (starting with mppd_) created by the MPP admin. It is stored on this device and decides which MPP the device belongs to.',
    'kiosk.device.token': 'Device token',
    'kiosk.device.tokenMissing': 'Enter the device token.',
    'kiosk.device.submit': 'Save and start',
    'kiosk.device.checking': 'Checking…',
    'kiosk.device.current': 'Registered as {name} at MPP {site}.',
    'kiosk.device.revoked':
      'This device token is no longer valid (revoked or wrong). Ask the MPP admin for a new token.',
    'kiosk.device.invalid':
      'This device token is unknown or has been revoked. Check the token, or ask the MPP admin for a new one.',
  },
);
