/**
 * What makes a resource a Lambda function ({@link com.taskdesk.function.LambdaFunction}). Depends on
 * nothing else of ours, like {@code config}: the features above it declare their functions with it.
 */
package com.taskdesk.function;
