import { DEVICE_KINDS, type DeviceKind } from '@mpp/contracts';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';

export class RegisterDeviceDto {
  /** e.g. "Kiosk pintu utara" */
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  name!: string;

  @IsIn(DEVICE_KINDS)
  kind!: DeviceKind;
}
