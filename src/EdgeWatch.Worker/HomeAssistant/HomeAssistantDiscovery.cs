using System.Buffers;
using System.Reflection;
using System.Text.Json;
using EdgeWatch.Worker.Configuration;
using EdgeWatch.Worker.Mqtt;

namespace EdgeWatch.Worker.HomeAssistant;

/// <summary>
/// Home Assistant MQTT discovery for this node: one device (<c>edgewatch_&lt;node&gt;</c>) holding every entity, each
/// announced by a retained configuration on <c>&lt;DiscoveryPrefix&gt;/&lt;platform&gt;/&lt;unique_id&gt;/config</c>
/// (single-component discovery), with the node's availability topic, device and origin. Entities can be added and removed
/// at run time (a stick's sensors): removing publishes the empty retained configuration that deletes the entity.
/// </summary>
/// <remarks>
/// Adding a node sensor is one line, e.g.
/// <c>discovery.Add(DiscoveryEntity.Sensor("detect_fps", "Detect rate", $"{settings.TopicRoot}/health", unit: "fps", valueTemplate: "{{ value_json.detect_fps }}"));</c>
/// Thread-safe; configurations are published under one lock so an add and a removal of one entity reach the broker in order.
/// With <see cref="HomeAssistantOptions.Enabled"/> off, entities are kept but nothing is published.
/// </remarks>
public sealed class HomeAssistantDiscovery
{
    private readonly MqttConnection _connection;
    private readonly HomeAssistantOptions _options;
    private readonly Dictionary<string, DiscoveryEntity> _entities = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Lock _lock = new();

    public HomeAssistantDiscovery(MqttConnection connection, DaemonSettings settings)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(settings);
        _connection = connection;
        _options = settings.HomeAssistant;
        NodeId = settings.Node.EffectiveName;
        DeviceId = $"edgewatch_{NodeId}";
        DeviceName = settings.HomeAssistant.NodeName ?? (string.IsNullOrWhiteSpace(settings.Node.Name) ? NodeId : settings.Node.Name.Trim());
        AvailabilityTopic = connection.AvailabilityTopic;
        foreach (var entity in CameraEntities.For(settings).Concat(NodeEntities.For(settings)))
        {
            // Registered, not published: the first connection publishes everything.
            _order.Add(entity.ObjectId);
            _entities.Add(entity.ObjectId, entity);
        }
    }

    /// <summary>The software version in <c>sw_version</c> of device and origin.</summary>
    public static string SoftwareVersion { get; } =
        typeof(HomeAssistantDiscovery).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(HomeAssistantDiscovery).Assembly.GetName().Version?.ToString(3) ?? "0";

    /// <summary>The node's name as topics have it.</summary>
    public string NodeId { get; }

    /// <summary>The Home Assistant device's identifier (and the prefix of every unique id).</summary>
    public string DeviceId { get; }

    public string DeviceName { get; }

    public string AvailabilityTopic { get; }

    public bool Enabled => _options.Enabled;

    /// <summary>The entities announced now, in the order they were added.</summary>
    public IReadOnlyList<DiscoveryEntity> Entities
    {
        get
        {
            lock (_lock)
            {
                return [.. _order.Select(id => _entities[id])];
            }
        }
    }

    /// <summary>The entity's <c>unique_id</c>: <c>edgewatch_&lt;node&gt;_&lt;object id&gt;</c>.</summary>
    public string UniqueId(DiscoveryEntity entity) => $"{DeviceId}_{(entity ?? throw new ArgumentNullException(nameof(entity))).ObjectId}";

    /// <summary>The entity's discovery topic.</summary>
    public string ConfigTopic(DiscoveryEntity entity) =>
        $"{_options.DiscoveryPrefix}/{(entity ?? throw new ArgumentNullException(nameof(entity))).Platform}/{UniqueId(entity)}/config";

    /// <summary>Adds an entity (or replaces one with the same id) and publishes its configuration (queued until connected).</summary>
    public void Add(DiscoveryEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        lock (_lock)
        {
            if (_entities.TryGetValue(entity.ObjectId, out var existing) && existing.Component != entity.Component)
            {
                throw new InvalidOperationException($"The Home Assistant entity id {entity.ObjectId} is already a {existing.Platform}.");
            }

            if (!_entities.ContainsKey(entity.ObjectId))
            {
                _order.Add(entity.ObjectId);
            }

            _entities[entity.ObjectId] = entity;
            PublishConfig(entity);
        }
    }

    /// <summary>Removes an entity for good: Home Assistant deletes it on the empty retained configuration. False if unknown.</summary>
    public bool Remove(string objectId)
    {
        lock (_lock)
        {
            if (!_entities.Remove(objectId, out var entity))
            {
                return false;
            }

            _order.Remove(objectId);
            if (_options.Enabled)
            {
                _connection.Publish(ConfigTopic(entity), [], qos: 1, retain: true, MessageClass.State);
            }

            return true;
        }
    }

    /// <summary>Publishes every configuration again (after a reconnection, or Home Assistant's birth).</summary>
    public void PublishAll()
    {
        lock (_lock)
        {
            foreach (var id in _order)
            {
                PublishConfig(_entities[id]);
            }
        }
    }

    /// <summary>The configuration payload of <paramref name="entity"/> (UTF-8 JSON).</summary>
    public byte[] Config(DiscoveryEntity entity)
    {
        lock (_lock)
        {
            return Write(entity).ToArray();
        }
    }

    private void PublishConfig(DiscoveryEntity entity)
    {
        if (_options.Enabled)
        {
            _connection.Publish(ConfigTopic(entity), Write(entity), qos: 1, retain: true, MessageClass.State);
        }
    }

    // Under _lock: the buffer is shared.
    private ReadOnlySpan<byte> Write(DiscoveryEntity entity)
    {
        _buffer.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(_buffer); // discovery is rare: a writer per payload is fine
        writer.WriteStartObject();
        writer.WriteString("name", entity.Name);
        writer.WriteString("unique_id", UniqueId(entity));
        foreach (var (key, value) in entity.Options)
        {
            switch (value)
            {
                case string text:
                    writer.WriteString(key, text);
                    break;
                case bool flag:
                    writer.WriteBoolean(key, flag);
                    break;
                case int number:
                    writer.WriteNumber(key, number);
                    break;
                case double number:
                    writer.WriteNumber(key, number);
                    break;
                default:
                    throw new InvalidOperationException($"Option {key} of {entity.ObjectId} has an unsupported type {value.GetType()}.");
            }
        }

        writer.WriteString("availability_topic", AvailabilityTopic); // payloads online/offline are Home Assistant's defaults
        writer.WriteStartObject("device");
        writer.WriteStartArray("identifiers");
        writer.WriteStringValue(DeviceId);
        writer.WriteEndArray();
        writer.WriteString("name", DeviceName);
        writer.WriteString("manufacturer", "EdgeWatch");
        writer.WriteString("model", "EdgeWatch node");
        writer.WriteString("sw_version", SoftwareVersion);
        writer.WriteEndObject();
        writer.WriteStartObject("origin");
        writer.WriteString("name", "EdgeWatch");
        writer.WriteString("sw_version", SoftwareVersion);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.Flush();
        return _buffer.WrittenSpan;
    }
}
