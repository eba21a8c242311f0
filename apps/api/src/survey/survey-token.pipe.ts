import { Injectable, type PipeTransform } from '@nestjs/common';
import { ApiException } from '../common/errors/api-exception';
import { SURVEY_TOKEN_LENGTH } from './survey-token';
import { SurveyMessages } from './survey.messages';

/** A survey token has one shape (base64url, fixed length): anything else is not one of ours (404). */
@Injectable()
export class SurveyTokenPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (typeof value !== 'string' || value.length !== SURVEY_TOKEN_LENGTH || !/^[A-Za-z0-9_-]+$/.test(value)) {
      throw ApiException.notFound('SURVEY_NOT_FOUND', SurveyMessages.tokenInvalid);
    }
    return value;
  }
}
