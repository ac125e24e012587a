using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EdgeWatch.Worker.HomeAssistant;
using EdgeWatch.Worker.Tests.Support;

namespace EdgeWatch.Worker.Tests.HomeAssistant;

/// <summary>
/// Home Assistant MQTT discovery against a real mosquitto, read by mosquitto_sub, with the daemon's real host running
/// a camera that shows a still image (one person, one dog) so every state holds steady.
/// </summary>
public sealed partial class DiscoveryTests
{
    private const string Node = "hall";
    private const string Root = $"edgewatch/{Node}";

    /// <summary>
    /// What Home Assistant's documentation of each MQTT platform says, as data. "Required" are the configuration
    /// variables marked <c>required: true</c> (<c>platform</c> too is marked so, but "only allowed and required in MQTT auto
    /// discovery device messages", i.e. device-based discovery, which EdgeWatch does not use); "one of" are the
    /// <c>required: exclusive</c> ones, of which exactly one must be given; "documented" is every variable listed, so a
    /// misspelt key (which Home Assistant would silently ignore) fails here. Read from the pages' sources in
    /// github.com/home-assistant/home-assistant.io, source/_integrations/&lt;platform&gt;.mqtt.markdown.
    /// </summary>
    private static readonly Dictionary<string, Platform> Platforms = new()
    {
        // https://www.home-assistant.io/integrations/binary_sensor.mqtt/
        ["binary_sensor"] = new(
            Required: ["state_topic"],
            OneOf: [],
            Documented: ["availability", "availability_mode", "availability_template", "availability_topic", "device", "device_class",
                "enabled_by_default", "encoding", "entity_category", "entity_picture", "expire_after", "force_update", "icon",
                "json_attributes_template", "json_attributes_topic", "name", "object_id", "off_delay", "payload_available",
                "payload_not_available", "payload_off", "payload_on", "platform", "qos", "state_topic", "unique_id", "value_template"]),

        // https://www.home-assistant.io/integrations/sensor.mqtt/
        ["sensor"] = new(
            Required: ["state_topic"],
            OneOf: [],
            Documented: ["availability", "availability_mode", "availability_template", "availability_topic", "device", "device_class",
                "enabled_by_default", "encoding", "entity_category", "entity_picture", "expire_after", "force_update", "icon",
                "json_attributes_template", "json_attributes_topic", "last_reset_value_template", "name", "object_id", "options",
                "payload_available", "payload_not_available", "platform", "suggested_display_precision", "qos", "state_class",
                "state_topic", "unique_id", "unit_of_measurement", "value_template"]),

        // https://www.home-assistant.io/integrations/image.mqtt/ (image_topic and url_topic: "required: exclusive")
        ["image"] = new(
            Required: [],
            OneOf: ["image_topic", "url_topic"],
            Documented: ["availability", "availability_mode", "availability_template", "availability_topic", "content_type", "device",
                "enabled_by_default", "encoding", "entity_category", "entity_picture", "icon", "image_encoding", "image_topic",
                "json_attributes_template", "json_attributes_topic", "name", "object_id", "unique_id", "url_template", "url_topic"]),
    };

    // https://www.home-assistant.io/integrations/mqtt/#discovery-payload: the origin's name is required.
    private static readonly string[] OriginRequired = ["name"];
    private static readonly string[] OriginDocumented = ["name", "sw_version", "support_url"];

    // https://www.home-assistant.io/integrations/binary_sensor.mqtt/ (and every platform page), device keys; "at least one of
    // identifiers or connections must be present", and https://www.home-assistant.io/integrations/mqtt/#sharing-of-device-configuration
    // extends the mandatory fields to those plus the name.
    private static readonly string[] DeviceDocumented = ["configuration_url", "connections", "hw_version", "identifiers", "manufacturer",
        "model", "model_id", "name", "serial_number", "suggested_area", "sw_version", "via_device"];

    // The entities of camera "door" with Labels [person, dog] and snapshots on, and the node's own sensors on its health.
    private static readonly (string Platform, string UniqueId, string StateKey, string StateTopic)[] Entities =
    [
        ("binary_sensor", "edgewatch_hall_door_person_occupancy", "state_topic", $"{Root}/door/person/detected"),
        ("sensor", "edgewatch_hall_door_person_count", "state_topic", $"{Root}/door/person/count"),
        ("binary_sensor", "edgewatch_hall_door_dog_occupancy", "state_topic", $"{Root}/door/dog/detected"),
        ("sensor", "edgewatch_hall_door_dog_count", "state_topic", $"{Root}/door/dog/count"),
        ("image", "edgewatch_hall_door_snapshot", "image_topic", $"{Root}/door/snapshot"),
        ("sensor", "edgewatch_hall_detect_fps", "state_topic", $"{Root}/health"),
        ("sensor", "edgewatch_hall_inference_ms", "state_topic", $"{Root}/health"),
        ("sensor", "edgewatch_hall_sticks_online", "state_topic", $"{Root}/health"),
        ("sensor", "edgewatch_hall_pool_state", "state_topic", $"{Root}/health"),
        ("sensor", "edgewatch_hall_cpu_temperature", "state_topic", $"{Root}/health"),
    ];

    [Fact]
    public async Task Every_configuration_has_what_Home_Assistant_documents_for_its_platform_and_points_at_live_retained_states()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var daemon = await InProcessDaemon.StartAsync(DaemonConfigFile.StillImage(broker.Port, Node));
        await WaitForRetainedAsync(broker, $"{Root}/door/person/count", "1");

        var configs = await ReadConfigsAsync(broker);
        var states = (await MosquittoClients.ReadAllRetainedAsync(broker, $"{Root}/#")).ToDictionary(m => m.Topic);

        Assert.Equal(Entities.Select(e => ConfigTopic(e.Platform, e.UniqueId)).Order(), configs.Keys.Order());
        foreach (var (platform, uniqueId, stateKey, stateTopic) in Entities)
        {
            var message = configs[ConfigTopic(platform, uniqueId)];
            Assert.True(message.Retain, $"{message.Topic} is not retained");
            var config = JsonDocument.Parse(message.Payload).RootElement;
            var keys = config.EnumerateObject().Select(p => p.Name).ToList();
            var schema = Platforms[platform];
            Assert.All(schema.Required, key => Assert.Contains(key, keys));
            Assert.Equal(schema.OneOf.Length > 0 ? 1 : 0, schema.OneOf.Count(keys.Contains));
            Assert.All(keys.Where(k => k != "origin"), key => Assert.Contains(key, schema.Documented)); // origin: a discovery key, on every platform

            Assert.Equal(uniqueId, config.GetProperty("unique_id").GetString());
            Assert.False(string.IsNullOrWhiteSpace(config.GetProperty("name").GetString()));
            Assert.Equal(stateTopic, config.GetProperty(stateKey).GetString());
            Assert.Equal($"{Root}/availability", config.GetProperty("availability_topic").GetString());
            Assert.Equal("online", states[$"{Root}/availability"].Text);
            Assert.True(states.ContainsKey(stateTopic), $"no retained state on {stateTopic}");

            var device = config.GetProperty("device");
            Assert.All(device.EnumerateObject(), p => Assert.Contains(p.Name, DeviceDocumented));
            Assert.Equal(["edgewatch_hall"], device.GetProperty("identifiers").EnumerateArray().Select(i => i.GetString()));
            Assert.Equal(Node, device.GetProperty("name").GetString());
            Assert.Equal(HomeAssistantDiscovery.SoftwareVersion, device.GetProperty("sw_version").GetString());
            Assert.False(string.IsNullOrEmpty(device.GetProperty("model").GetString()));
            var origin = config.GetProperty("origin");
            Assert.All(OriginRequired, key => Assert.False(string.IsNullOrEmpty(origin.GetProperty(key).GetString())));
            Assert.All(origin.EnumerateObject(), p => Assert.Contains(p.Name, OriginDocumented));
        }

        var occupancy = JsonDocument.Parse(configs[ConfigTopic("binary_sensor", "edgewatch_hall_door_person_occupancy")].Payload).RootElement;
        Assert.Equal(("occupancy", "ON", "OFF"), (occupancy.GetProperty("device_class").GetString(), occupancy.GetProperty("payload_on").GetString(), occupancy.GetProperty("payload_off").GetString()));
        Assert.Equal("ON", states[$"{Root}/door/person/detected"].Text);
        Assert.Equal("1", states[$"{Root}/door/dog/count"].Text);
        var image = JsonDocument.Parse(configs[ConfigTopic("image", "edgewatch_hall_door_snapshot")].Payload).RootElement;
        Assert.Equal("image/jpeg", image.GetProperty("content_type").GetString());
        Assert.Equal(("mjpeg", 640, 424), await FfmpegImages.ProbeAsync(states[$"{Root}/door/snapshot"].Payload));
    }

    [Fact]
    public async Task Home_Assistants_birth_message_brings_every_configuration_and_then_every_state_again()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var subscriber = await MosquittoSubscriber.StartAsync(broker, "homeassistant/#", "-t", $"{Root}/#");
        await using var daemon = await InProcessDaemon.StartAsync(DaemonConfigFile.StillImage(broker.Port, Node));
        await subscriber.WaitForAsync(m => m.Any(x => x.Topic == $"{Root}/door/person/count" && x.Text == "1"), "a person counted");
        await Task.Delay(TimeSpan.FromSeconds(1)); // let the start settle
        var before = subscriber.Messages.Count;

        await MosquittoClients.PublishAsync(broker, "homeassistant/status", "online");

        string[] states = [$"{Root}/door/person/count", $"{Root}/door/person/detected", $"{Root}/door/dog/count", $"{Root}/door/dog/detected"];
        var configTopics = Entities.Select(e => ConfigTopic(e.Platform, e.UniqueId)).ToList();
        await subscriber.WaitForAsync(
            m => configTopics.Concat(states).All(topic => m.Skip(before).Any(x => x.Topic == topic)),
            "every configuration and state published again");
        var after = subscriber.Messages.Skip(before).ToList();
        var lastConfig = after.FindLastIndex(m => m.Topic.StartsWith("homeassistant/", StringComparison.Ordinal) && m.Topic.EndsWith("/config", StringComparison.Ordinal));
        var firstState = after.FindIndex(m => states.Contains(m.Topic));
        Assert.True(lastConfig < firstState, "states must follow the configurations, so Home Assistant has subscribed to them");
        Assert.Equal("1", after.First(m => m.Topic == $"{Root}/door/person/count").Text);
        Assert.Equal("ON", after.First(m => m.Topic == $"{Root}/door/person/detected").Text);
        Assert.Single(after, m => m.Topic == ConfigTopic("sensor", "edgewatch_hall_door_person_count"));
    }

    [Fact]
    public async Task After_a_broker_restart_that_lost_everything_configurations_and_states_are_retained_again()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var daemon = await InProcessDaemon.StartAsync(DaemonConfigFile.StillImage(broker.Port, Node));
        await WaitForRetainedAsync(broker, $"{Root}/door/person/count", "1");

        await broker.RestartAsync(); // persistence off: the retained messages are gone
        Assert.Empty(await MosquittoClients.ReadAllRetainedAsync(broker, $"{Root}/door/person/#"));

        await WaitForRetainedAsync(broker, $"{Root}/door/person/count", "1");
        await WaitForRetainedAsync(broker, $"{Root}/door/person/detected", "ON");
        Assert.Equal(Entities.Length, (await ReadConfigsAsync(broker)).Count);
        var snapshot = await MosquittoClients.ReadRetainedAsync(broker, $"{Root}/door/snapshot");
        Assert.Equal(("mjpeg", 640, 424), await FfmpegImages.ProbeAsync(snapshot.Payload));
    }

    [Fact]
    public async Task A_restarted_daemon_keeps_its_unique_ids_and_publishes_its_counts_again()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        Dictionary<string, string> first;
        await using (var daemon = await InProcessDaemon.StartAsync(DaemonConfigFile.StillImage(broker.Port, Node)))
        {
            await WaitForRetainedAsync(broker, $"{Root}/door/person/count", "1");
            first = (await ReadConfigsAsync(broker)).ToDictionary(c => c.Key, c => c.Value.Text);
        }

        // Stopped: offline, and the last counts stay retained for whoever asks.
        Assert.Equal("offline", (await MosquittoClients.ReadRetainedAsync(broker, $"{Root}/availability")).Text);
        Assert.Equal("1", (await MosquittoClients.ReadRetainedAsync(broker, $"{Root}/door/person/count")).Text);

        await using var subscriber = await MosquittoSubscriber.StartAsync(broker, $"{Root}/door/person/count");
        var retainedOnSubscribe = subscriber.Messages.Count; // the retained one, delivered on subscription
        await using (var again = await InProcessDaemon.StartAsync(DaemonConfigFile.StillImage(broker.Port, Node)))
        {
            await subscriber.WaitForAsync(m => m.Skip(retainedOnSubscribe).Any(x => x.Text == "1"), "the count published again by the new run");
            var second = (await ReadConfigsAsync(broker)).ToDictionary(c => c.Key, c => c.Value.Text);
            Assert.Equal(first, second);
        }
    }

    [Fact]
    public async Task An_entity_added_at_run_time_is_announced_and_removing_it_deletes_its_configuration_for_good()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var subscriber = await MosquittoSubscriber.StartAsync(broker, "homeassistant/sensor/#");
        await using var daemon = await InProcessDaemon.StartAsync(DaemonConfigFile.StillImage(broker.Port, Node));
        var discovery = daemon.Services.GetService(typeof(HomeAssistantDiscovery)) as HomeAssistantDiscovery;
        Assert.NotNull(discovery);
        const string Topic = "homeassistant/sensor/edgewatch_hall_stick_1-3_temperature/config";

        discovery.Add(DiscoveryEntity.Sensor("stick_1-3_temperature", "Stick 1-3 temperature", $"{Root}/sticks/1-3",
            unit: "°C", deviceClass: "temperature", valueTemplate: "{{ value_json.temperature }}", diagnostic: true));

        var config = JsonDocument.Parse((await MosquittoClients.ReadRetainedAsync(broker, Topic)).Payload).RootElement;
        Assert.Equal("edgewatch_hall_stick_1-3_temperature", config.GetProperty("unique_id").GetString());
        Assert.Equal(("°C", "temperature", "diagnostic"), (config.GetProperty("unit_of_measurement").GetString(),
            config.GetProperty("device_class").GetString(), config.GetProperty("entity_category").GetString()));
        Assert.All(config.EnumerateObject().Where(p => p.Name != "origin"), p => Assert.Contains(p.Name, Platforms["sensor"].Documented));

        Assert.True(discovery.Remove("stick_1-3_temperature"));

        await subscriber.WaitForAsync(m => m.Any(x => x.Topic == Topic && x.Payload.Length == 0 && x.Retain), "an empty retained configuration");
        Assert.DoesNotContain(Topic, (await ReadConfigsAsync(broker)).Keys);
        await MosquittoClients.PublishAsync(broker, "homeassistant/status", "online");
        await subscriber.WaitForAsync(m => m.Count(x => x.Topic == ConfigTopic("sensor", "edgewatch_hall_door_person_count")) >= 2, "the birth re-publication");
        Assert.DoesNotContain(Topic, (await ReadConfigsAsync(broker)).Keys);
        Assert.False(discovery.Remove("stick_1-3_temperature"));
    }

    [Fact]
    public async Task With_discovery_off_nothing_goes_to_Home_Assistant_but_states_are_published()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var configuration = DaemonConfigFile.StillImage(broker.Port, Node);
        configuration["HomeAssistant"] = new JsonObject { ["Enabled"] = false };
        await using var daemon = await InProcessDaemon.StartAsync(configuration);

        await WaitForRetainedAsync(broker, $"{Root}/door/person/count", "1");
        await MosquittoClients.PublishAsync(broker, "homeassistant/status", "online");

        Assert.Empty(await ReadConfigsAsync(broker));
    }

    [Fact]
    public async Task A_configured_discovery_prefix_holds_the_configurations_and_its_status_topic_triggers_them()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var subscriber = await MosquittoSubscriber.StartAsync(broker, "ha/#");
        var configuration = DaemonConfigFile.StillImage(broker.Port, Node);
        configuration["HomeAssistant"] = new JsonObject { ["DiscoveryPrefix"] = "ha", ["NodeName"] = "Hall camera box" };
        await using var daemon = await InProcessDaemon.StartAsync(configuration);
        var topic = "ha/sensor/edgewatch_hall_door_person_count/config";
        await subscriber.WaitForAsync(m => m.Any(x => x.Topic == topic), "a configuration under ha/");

        await MosquittoClients.PublishAsync(broker, "ha/status", "online");

        await subscriber.WaitForAsync(m => m.Count(x => x.Topic == topic) >= 2, "the configuration again after ha/status online");
        Assert.Empty(await ReadConfigsAsync(broker));
        var device = JsonDocument.Parse(subscriber.On(topic)[0].Payload).RootElement.GetProperty("device");
        Assert.Equal("Hall camera box", device.GetProperty("name").GetString());
    }

    private static string ConfigTopic(string platform, string uniqueId)
    {
        var topic = $"homeassistant/{platform}/{uniqueId}/config";
        Assert.Matches(DiscoveryTopic(), topic);
        return topic;
    }

    /// <summary>Every retained discovery configuration under homeassistant/ (empty ones are deletions, not configurations).</summary>
    private static async Task<Dictionary<string, ReceivedMessage>> ReadConfigsAsync(MosquittoBroker broker) =>
        (await MosquittoClients.ReadAllRetainedAsync(broker, "homeassistant/#"))
            .Where(m => m.Payload.Length > 0 && m.Topic.EndsWith("/config", StringComparison.Ordinal))
            .ToDictionary(m => m.Topic);

    private static async Task WaitForRetainedAsync(MosquittoBroker broker, string topic, string payload)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        string? seen = null;
        while (DateTime.UtcNow < deadline)
        {
            var retained = await MosquittoClients.ReadAllRetainedAsync(broker, topic);
            seen = retained.Count > 0 ? retained[0].Text : null;
            if (seen == payload)
            {
                return;
            }
        }

        Assert.Fail($"{topic} should hold '{payload}' retained; it holds '{seen ?? "nothing"}'");
    }

    // https://www.home-assistant.io/integrations/mqtt/#discovery-topic: <discovery_prefix>/<component>/[<node_id>/]<object_id>/config,
    // ids of [a-zA-Z0-9_-].
    [GeneratedRegex("^homeassistant/(binary_sensor|sensor|image)/[a-zA-Z0-9_-]+/config$")]
    private static partial Regex DiscoveryTopic();

    private sealed record Platform(string[] Required, string[] OneOf, string[] Documented);
}
