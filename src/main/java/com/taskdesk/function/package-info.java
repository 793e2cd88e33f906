/**
 * Bottom layer: what makes a resource a Lambda function ({@link
 * com.taskdesk.function.LambdaFunction}) and the tables it may touch.
 */
@MayUse
package com.taskdesk.function;

import com.taskdesk.MayUse;
