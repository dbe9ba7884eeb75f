using System.Collections.ObjectModel;
using System.Globalization;
using NodaTime;

namespace CustomerAgent.Attribution;

/// <summary>
/// An account's attribution settings: the web chat click window (R16, 24 hours) and, for each touchpoint of the last-touch
/// model (R17), a switch and a window. The defaults are the vendor's public ones: SMS click 5 days, SMS open 1 day, SMS
/// delivery 12 hours, email click and open 5 days, push open 24 hours, WhatsApp click 5 days, WhatsApp open 12 hours, all on.
/// </summary>
/// <remarks>
/// Immutable and thread-safe. Built once by <see cref="Create"/> (or, with touchpoints named by their API names, by
/// <see cref="Serialization.ApiNames.ToAttributionSettings"/>), which check every setting
/// and report every problem in one <see cref="CustomerAgentException"/> (rule <c>R17</c>, field <c>attributionSettings</c>).
/// A window is inclusive: an order placed exactly one window after the touch is attributed, one nanosecond (the resolution of an instant) later it is not.
/// </remarks>
public sealed class AttributionSettings
{
    /// <summary>The web chat window of R16: 24 hours after the product-card click.</summary>
    public static readonly Duration DefaultWebChatWindow = Duration.FromHours(24);

    /// <summary>The longest window accepted for any touchpoint and for web chat: 30 days.</summary>
    public static readonly Duration MaxWindow = Duration.FromDays(30);

    /// <summary><see cref="MaxWindow"/> in hours (720), the most a window given in whole hours may be.</summary>
    internal static readonly long MaxWindowHours = (long)MaxWindow.TotalHours;

    private static readonly Touchpoint[] AllTouchpoints = Enum.GetValues<Touchpoint>();

    private readonly TouchpointSetting[] _settings;

    private AttributionSettings(Duration webChatWindow, TouchpointSetting[] settings)
    {
        WebChatWindow = webChatWindow;
        _settings = settings;
        Touchpoints = new ReadOnlyDictionary<Touchpoint, TouchpointSetting>(AllTouchpoints.ToDictionary(t => t, t => settings[(int)t]));
    }

    /// <summary>The vendor's defaults (all touchpoints on, windows as in the summary, web chat 24 hours).</summary>
    public static AttributionSettings Default { get; } = new(DefaultWebChatWindow, AllTouchpoints.Select(DefaultFor).ToArray());

    /// <summary>How long after a product-card click a web chat order is attributed (R16), inclusive.</summary>
    public Duration WebChatWindow { get; }

    /// <summary>Every touchpoint's setting.</summary>
    public IReadOnlyDictionary<Touchpoint, TouchpointSetting> Touchpoints { get; }

    /// <summary>The setting of <paramref name="touchpoint"/>.</summary>
    /// <exception cref="CustomerAgentException">The touchpoint is undefined (R17).</exception>
    public TouchpointSetting this[Touchpoint touchpoint] => _settings[(int)Preconditions.CheckDefined(touchpoint, "touchpoint", "R17")];

    /// <summary>The vendor's default for <paramref name="touchpoint"/>.</summary>
    /// <exception cref="CustomerAgentException">The touchpoint is undefined (R17).</exception>
    public static TouchpointSetting DefaultFor(Touchpoint touchpoint) => Preconditions.CheckDefined(touchpoint, "touchpoint", "R17") switch
    {
        Touchpoint.SmsClick => TouchpointSetting.On(Duration.FromDays(5)),
        Touchpoint.SmsOpen => TouchpointSetting.On(Duration.FromDays(1)),
        Touchpoint.SmsDelivery => TouchpointSetting.On(Duration.FromHours(12)),
        Touchpoint.EmailClick => TouchpointSetting.On(Duration.FromDays(5)),
        Touchpoint.EmailOpen => TouchpointSetting.On(Duration.FromDays(5)),
        Touchpoint.PushOpen => TouchpointSetting.On(Duration.FromHours(24)),
        Touchpoint.WhatsAppClick => TouchpointSetting.On(Duration.FromDays(5)),
        _ => TouchpointSetting.On(Duration.FromHours(12)), // WhatsAppOpen
    };

    /// <summary>
    /// Settings with the given touchpoints changed from the defaults (the others keep theirs) and an optional web chat window.
    /// </summary>
    /// <param name="touchpoints">The touchpoints to change; null for none.</param>
    /// <param name="webChatWindow">The web chat click window; null for 24 hours.</param>
    /// <exception cref="CustomerAgentException">One or more settings are invalid (rule R17): an undefined touchpoint, a touchpoint given
    /// twice, an enabled window that is zero, negative or longer than <see cref="MaxWindow"/>, or such a web chat window. The one message lists every problem.</exception>
    public static AttributionSettings Create(IEnumerable<KeyValuePair<Touchpoint, TouchpointSetting>>? touchpoints = null, Duration? webChatWindow = null) =>
        CreateNamed(
            (touchpoints ?? []).Select((string? Name, Touchpoint? Touchpoint, TouchpointSetting Setting) (t) => Enum.IsDefined(t.Key)
                ? (TouchpointWords.Of(t.Key), t.Key, t.Value)
                : (((int)t.Key).ToString(CultureInfo.InvariantCulture), null, t.Value)),
            webChatWindow);

    /// <summary>
    /// As <see cref="Create"/>, with each touchpoint named as the caller named it (in the problems); an entry without a
    /// touchpoint is an unknown name. <c>Serialization.ApiNames.ToAttributionSettings</c> builds settings by API names with it.
    /// </summary>
    internal static AttributionSettings CreateNamed(IEnumerable<(string? Name, Touchpoint? Touchpoint, TouchpointSetting Setting)> touchpoints, Duration? webChatWindow)
    {
        var problems = new List<string>();
        var settings = AllTouchpoints.Select(DefaultFor).ToArray();
        var given = new HashSet<Touchpoint>();
        foreach (var (name, touchpoint, setting) in touchpoints)
        {
            if (touchpoint is not { } known)
            {
                problems.Add($"touchpoint '{name}' is unknown (known: {string.Join(", ", AllTouchpoints.Select(TouchpointWords.Of))})");
                continue;
            }

            Apply(name!, known, setting, given, settings, problems);
        }

        return Build(webChatWindow, settings, problems);
    }

    /// <summary>Whether the touches of <paramref name="touchpoint"/> can win, and the window in nanoseconds (internal: the calculators' table).</summary>
    internal TouchpointSetting Setting(int touchpoint) => _settings[touchpoint];

    /// <summary>The settings, one touchpoint per entry, web chat window first.</summary>
    public override string ToString() =>
        $"AttributionSettings(web-chat: {Preconditions.Format(WebChatWindow)}, {string.Join(", ", AllTouchpoints.Select(t => TouchpointWords.Of(t) + ": " + _settings[(int)t]))})";

    private static void Apply(string name, Touchpoint touchpoint, TouchpointSetting setting, HashSet<Touchpoint> given, TouchpointSetting[] settings, List<string> problems)
    {
        if (!given.Add(touchpoint))
        {
            problems.Add($"touchpoint {name} is given more than once");
            return;
        }

        if (setting.Enabled && WindowProblem(setting.Window) is { } problem)
        {
            problems.Add($"{name} window = '{Preconditions.Format(setting.Window)}' {problem}");
            return;
        }

        settings[(int)touchpoint] = setting;
    }

    /// <summary>
    /// R17 on a window given in whole hours (the activity log's <c>webChatWindowHours</c> and touchpoints' <c>windowHours</c>):
    /// 1 to <see cref="MaxWindowHours"/> hours, the range <see cref="Create"/> accepts for a whole number of hours.
    /// </summary>
    /// <param name="hours">The window in hours.</param>
    /// <param name="field">The field that holds it.</param>
    /// <returns>The window.</returns>
    /// <exception cref="CustomerAgentException">The window is under 1 or over <see cref="MaxWindowHours"/> hours (R17).</exception>
    internal static Duration WindowOfHours(long hours, string field) =>
        hours >= 1 && hours <= MaxWindowHours
            ? Duration.FromHours(hours)
            : throw new CustomerAgentException("R17", field, hours.ToString(CultureInfo.InvariantCulture), FormattableString.Invariant($"must be from 1 to {MaxWindowHours} hours"));

    private static string? WindowProblem(Duration window) =>
        window <= Duration.Zero || window > MaxWindow ? $"must be positive and at most {Preconditions.Format(MaxWindow)}" : null;

    private static AttributionSettings Build(Duration? webChatWindow, TouchpointSetting[] settings, List<string> problems)
    {
        var window = webChatWindow ?? DefaultWebChatWindow;
        if (WindowProblem(window) is { } problem)
        {
            problems.Add($"web-chat window (R16) = '{Preconditions.Format(window)}' {problem}");
        }

        if (problems.Count > 0)
        {
            throw new CustomerAgentException("R17", "attributionSettings", FormattableString.Invariant($"{problems.Count} problem(s)"), "is invalid: " + string.Join("; ", problems));
        }

        return new AttributionSettings(window, settings);
    }
}
