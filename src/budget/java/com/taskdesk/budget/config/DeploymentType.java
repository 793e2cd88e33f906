package com.taskdesk.budget.config;

/**
 * How CodeDeploy shifts an alias to a new version (SAM's DeploymentPreference Type): at once, or
 * gradually while the function's alarms may stop it and roll back.
 */
public enum DeploymentType {
    AllAtOnce,
    Canary10Percent5Minutes,
    Canary10Percent10Minutes,
    Canary10Percent15Minutes,
    Canary10Percent30Minutes,
    Linear10PercentEvery1Minute,
    Linear10PercentEvery2Minutes,
    Linear10PercentEvery3Minutes,
    Linear10PercentEvery10Minutes;

    /** CodeDeploy's name for it: CodeDeployDefault.LambdaCanary10Percent5Minutes. */
    public String codeDeployName() {
        return "CodeDeployDefault.Lambda" + name();
    }
}
