import { Module } from '@nestjs/common';

/** Complaints and consultation (pengaduan, issue 16): filed by citizens, routed to agencies, two clocks per complaint. */
@Module({
  imports: [],
  controllers: [],
  providers: [],
  exports: [],
})
export class ComplaintsModule {}
