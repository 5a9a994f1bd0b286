namespace SiteBuilder.Observability.Alarms;

/// <summary>CloudWatch's three alarm states; <see cref="AlarmStates"/> gives their wire names.</summary>
public enum AlarmState
{
    InsufficientData,
    Ok,
    Alarm,
}

public static class AlarmStates
{
    public static string ToWire(this AlarmState state) => state switch
    {
        AlarmState.Ok => "OK",
        AlarmState.Alarm => "ALARM",
        _ => "INSUFFICIENT_DATA",
    };

    public static AlarmState Parse(string wire) => wire switch
    {
        "OK" => AlarmState.Ok,
        "ALARM" => AlarmState.Alarm,
        "INSUFFICIENT_DATA" => AlarmState.InsufficientData,
        _ => throw new FormatException($"'{wire}' is not an alarm state (OK, ALARM, INSUFFICIENT_DATA)."),
    };
}

/// <summary>Where an alarm of one environment stands, since when, and the value that put it there.</summary>
public sealed record AlarmStatus(string Environment, string AlarmId, AlarmState State, DateTimeOffset Since, double? Value, string Reason);

/// <summary>One change of an alarm's state: its history.</summary>
public sealed record AlarmTransition(string Environment, string AlarmId, AlarmState From, AlarmState To, DateTimeOffset At, double? Value, string Reason);
