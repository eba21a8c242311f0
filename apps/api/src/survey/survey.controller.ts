import { Body, Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SurveyAnswerResponse, SurveyFormResponse } from '@mpp/contracts';
import { Public } from '../auth/auth.decorators';
import { SurveyAnswerDto } from './dto/survey.dto';
import { SurveyThrottlerGuard } from './survey-throttler.guard';
import { SurveyTokenPipe } from './survey-token.pipe';
import { SurveyService } from './survey.service';

/** The citizen's survey: the one-time token is the only key; nothing here names anyone. */
@ApiTags('survey (public)')
@Public()
@UseGuards(SurveyThrottlerGuard)
@Controller('v1/survey')
export class SurveyController {
  constructor(private readonly survey: SurveyService) {}

  @Get(':token')
  @ApiOperation({ summary: 'The SKM form for a one-time token: the service, the nine elements with their 1–4 answers, the optional profile' })
  form(@Param('token', SurveyTokenPipe) token: string): Promise<SurveyFormResponse> {
    return this.survey.form(token);
  }

  @Post(':token')
  @HttpCode(201)
  @ApiOperation({ summary: 'Answer the survey once (nine scores 1–4, comment ≤ 1,000 characters, profile optional); a spent token is 409' })
  answer(@Param('token', SurveyTokenPipe) token: string, @Body() dto: SurveyAnswerDto): Promise<SurveyAnswerResponse> {
    return this.survey.answer(token, dto);
  }
}
