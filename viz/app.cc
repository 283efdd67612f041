// viz/app.cc — GLFW window + ImGui backends + the frame loop.
#include "viz/app.h"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui_internal.h>

#include <cfloat>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <memory>

#include "sim/scenario/loader.h"

#include "sim/trace.h"

#include "viz/controller.h"
#include "viz/fonts.h"
#include "viz/screenshot.h"
#include "viz/theme.h"
#include "viz/ui_dump.h"
#include "viz/windows.h"

namespace kafkasim::viz {

namespace {

constexpr const char* kGlslVersion = "#version 130";

void OnGlfwError(int code, const char* text) { std::fprintf(stderr, "kafkasim-viz: GLFW error %d: %s\n", code, text); }

GLFWwindow* OpenWindow(const VizOptions& o) {
  glfwSetErrorCallback(OnGlfwError);
  if (!glfwInit()) return nullptr;
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  // No multisampling: Dear ImGui anti-aliases its own shapes, and 4x MSAA
  // quadrupled the software rasterizer's work (docs/performance.md).
  glfwWindowHint(GLFW_SAMPLES, 0);
  GLFWwindow* w = glfwCreateWindow(o.width, o.height, "kafkasim-viz", nullptr, nullptr);
  if (w == nullptr) {
    glfwTerminate();
    return nullptr;
  }
  glfwMakeContextCurrent(w);
  glfwSwapInterval(o.screenshot.empty() && o.bench_frames == 0 ? 1 : 0);
  return w;
}

void InitImGui(GLFWwindow* w, float scale) {
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // the layout is computed; nothing written to the working directory
  theme::ApplyStyle(scale);
  LoadFonts(scale);
  ImGui_ImplGlfw_InitForOpenGL(w, true);
  ImGui_ImplOpenGL3_Init(kGlslVersion);
}

void ShutdownImGui(GLFWwindow* w) {
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(w);
  glfwTerminate();
}

// Glyphs are drawn at the size they were rasterized (pixel-snapped, fonts.cc):
// nearest sampling gives the same pixels as linear, and a software
// rasterizer does a quarter of the texture reads (docs/performance.md).
// Text scaled from that size ("text size") is filtered.
void SetFontFilter(const ImGuiIO& io) {
  const GLint want = io.FontGlobalScale == 1.0f ? GL_NEAREST : GL_LINEAR;
  if (io.Fonts->TexID == nullptr) return;
  glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(reinterpret_cast<intptr_t>(io.Fonts->TexID)));
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, want);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, want);
}

// Window backgrounds painted by scissored clears (UiState::backdrops): a
// software rasterizer fills a cleared rectangle without shading a pixel.
void ClearBackdrops(const UiState& ui, int fh) {
  const ImVec2 s = ImGui::GetIO().DisplayFramebufferScale;
  glEnable(GL_SCISSOR_TEST);
  for (const UiState::Backdrop& b : ui.backdrops) {
    const ImVec4 c = ImGui::ColorConvertU32ToFloat4(b.color);
    glScissor(static_cast<GLint>(b.rect.x0 * s.x), static_cast<GLint>(static_cast<float>(fh) - b.rect.y1 * s.y),
              static_cast<GLsizei>((b.rect.x1 - b.rect.x0) * s.x), static_cast<GLsizei>((b.rect.y1 - b.rect.y0) * s.y));
    glClearColor(c.x, c.y, c.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
  }
  glDisable(GL_SCISSOR_TEST);
}

// One frame: the windows, their commands applied, the draw data rendered.
void Frame(GLFWwindow* w, UiState& ui, SimController& controller, float loaded_scale, bool headless) {
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGuiIO& io = ImGui::GetIO();
  if (headless) io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);  // no stray hover in screenshots
  io.FontGlobalScale = ui.ui_scale / loaded_scale;
  SetFontFilter(io);
  ImGui::NewFrame();
  UiCommands commands = ShowAllWindows(ui, controller);
  ImGui::Render();
  controller.Apply(commands);
  int fw = 0, fh = 0;
  glfwGetFramebufferSize(w, &fw, &fh);
  glViewport(0, 0, fw, fh);
  // The tiled windows draw no background (all_windows.cc): the clear is it.
  ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  glClearColor(bg.x, bg.y, bg.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ClearBackdrops(ui, fh);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

// The view model of the frame just drawn, for tests that read what the screen shows.
std::string WriteText(const std::string& path, const std::string& text) {
  std::FILE* f = std::fopen(path.c_str(), "w");
  if (f == nullptr) return "cannot write " + path;
  bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  ok = std::fclose(f) == 0 && ok;
  return ok ? "" : "cannot write " + path;
}

// --ui-dump: rewritten (via a rename, so readers never see half a file) when it changed.
void WriteUiDump(const std::string& path, const std::string& text, std::string& last) {
  if (text == last) return;
  std::string tmp = path + ".tmp";
  if (WriteText(tmp, text).empty() && std::rename(tmp.c_str(), path.c_str()) == 0) last = text;
}

// Frames drawn after the N-th hand-added fault before the shot (popups closed, re-simulated view drawn).
constexpr int kShotSettleFrames = 4;

void MaybeShootAfterFaults(GLFWwindow* w, const VizOptions& o, const SimController& c, int& countdown) {
  if (o.shot_after_faults <= 0 || countdown < 0) return;
  if (c.hand_faults().size() < static_cast<size_t>(o.shot_after_faults) || --countdown > 0) return;
  countdown = -1;  // once
  int fw = 0, fh = 0;
  glfwGetFramebufferSize(w, &fw, &fh);
  std::string why = WriteFramebufferPng(o.shot_after_faults_path, fw, fh);
  if (why.empty()) {
    std::printf("kafkasim-viz: wrote %s (%dx%d)\n", o.shot_after_faults_path.c_str(), fw, fh);
    std::fflush(stdout);
  } else
    std::fprintf(stderr, "kafkasim-viz: %s\n", why.c_str());
}

// F: fullscreen on the primary monitor and back to the window it was.
void ToggleFullscreen(GLFWwindow* w, int restore[4]) {
  if (glfwGetWindowMonitor(w) != nullptr) {
    glfwSetWindowMonitor(w, nullptr, restore[0], restore[1], restore[2], restore[3], 0);
    return;
  }
  GLFWmonitor* monitor = glfwGetPrimaryMonitor();
  const GLFWvidmode* mode = monitor != nullptr ? glfwGetVideoMode(monitor) : nullptr;
  if (mode == nullptr) return;
  glfwGetWindowPos(w, &restore[0], &restore[1]);
  glfwGetWindowSize(w, &restore[2], &restore[3]);
  glfwSetWindowMonitor(w, monitor, 0, 0, mode->width, mode->height, mode->refreshRate);
}

std::unique_ptr<SimController> NewController(const scenario::Scenario& s, const VizOptions& o, uint64_t seed) {
  auto c = std::make_unique<SimController>(s, seed);
  c->Apply(UiCommand{SetSpeedCommand{o.speed_ms_per_sec}});
  c->Apply(UiCommand{SetAutoPauseCommand{o.auto_pause && o.bench_frames == 0}});
  // Messages stretch time when playing (the cluster view's legend turns it
  // off); the benchmark plays at full speed, the heavier load.
  c->Apply(UiCommand{SetMessageStretchCommand{o.bench_frames == 0, 0.5, kAllMessages}});
  return c;
}

// The picker asked for another scenario: load it (its own seed), or say why not.
void OpenRequested(UiState& ui, const VizOptions& o, std::unique_ptr<SimController>& controller) {
  std::string path = std::move(ui.open_request);
  ui.open_request.clear();
  scenario::LoadResult r = scenario::LoadScenarioFile(path);
  if (!r.ok()) {
    ui.open_error = r.errors[0].ToString();
    ui.show_picker = true;
    return;
  }
  ui.open_error.clear();
  controller = NewController(r.scenario, o, r.scenario.seed);
  ui.view = ViewModel{};
  ui.verdicts = VerdictCache{};
  ui.relayout_all = true;
}

// Where each window of the frame just drawn is, and whether its content
// runs past it (scroll_x > 0: cut off on the right, there is no horizontal
// scrollbar; scroll_y > 0 with scrollbar=no: cut off at the bottom) — for
// the layout tests, with the display size.
std::string DescribeLayout() {
  const ImGuiContext& g = *GImGui;
  char line[256];
  std::snprintf(line, sizeof line, "display w=%.0f h=%.0f\n", g.IO.DisplaySize.x, g.IO.DisplaySize.y);
  std::string out = line;
  for (const ImGuiWindow* w : g.Windows) {
    if (!w->Active || w->Hidden || (w->Flags & (ImGuiWindowFlags_ChildWindow | ImGuiWindowFlags_Tooltip)) != 0)
      continue;
    std::string name = w->Name;
    size_t hashes = name.find("###");
    if (hashes != std::string::npos) name = name.substr(hashes + 3);
    hashes = name.find("##");
    if (hashes != std::string::npos) name = name.substr(0, hashes);
    for (char& c : name)
      if (c == ' ') c = '_';
    std::snprintf(line, sizeof line, "window %s x=%.0f y=%.0f w=%.0f h=%.0f scroll_x=%.0f scroll_y=%.0f scrollbar=%s\n",
                  name.c_str(), w->Pos.x, w->Pos.y, w->Size.x, w->Size.y, w->ScrollMax.x, w->ScrollMax.y,
                  w->ScrollbarY ? "yes" : "no");
    out += line;
  }
  return out;
}

// Process CPU time (all threads, the software rasterizer's included), ms.
double CpuMs() { return 1000.0 * static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

}  // namespace

int RunVizApp(const scenario::Scenario& s, const VizOptions& o, const std::string& library) {
  GLFWwindow* w = OpenWindow(o);
  if (w == nullptr) {
    std::fprintf(stderr,
                 "kafkasim-viz: cannot open a window: no display (is DISPLAY set?). For a headless run use\n"
                 "  xvfb-run -a -s \"-screen 0 1280x800x24\" kafkasim-viz FILE --screenshot out.png\n");
    return kExitNoDisplay;
  }
  InitImGui(w, o.scale);
  UiState ui;
  ui.ui_scale = o.scale;
  if (!o.save_path.empty()) std::snprintf(ui.save_path, sizeof ui.save_path, "%s", o.save_path.c_str());
  std::string dumped;
  std::string status_shown;
  int shot_countdown = kShotSettleFrames;
  ui.light_theme = o.light_theme;
  ui.library_dir = library;
  ui.show_help = o.show == "help";
  ui.show_picker = o.show == "library";
  std::unique_ptr<SimController> controller = NewController(s, o, o.seed.value_or(s.seed));
  if (o.run_to) controller->SeekTo(*o.run_to);
  if (o.play) controller->Apply(UiCommand{PlayCommand{true}});
  bool headless = !o.screenshot.empty() || o.bench_frames > 0;
  int last_frame = o.bench_frames > 0 ? o.bench_frames : o.frames;
  int status = kExitOk;
  int restore[4] = {0, 0, o.width, o.height};
  double last = glfwGetTime();
  double bench_start_ms = CpuMs();
  for (int frame = 0; !glfwWindowShouldClose(w); ++frame) {
    glfwPollEvents();
    double now = glfwGetTime();
    // The benchmark plays a fixed 1/60 s per frame: the same work on every machine.
    if (o.bench_frames > 0)
      controller->Tick(1.0 / 60);
    else if (!headless)
      controller->Tick(now - last);
    last = now;
    // While settling for --screenshot-after-faults: no hover, as in headless shots.
    bool settling = o.shot_after_faults > 0 && shot_countdown >= 0 &&
                    controller->hand_faults().size() >= static_cast<size_t>(o.shot_after_faults);
    Frame(w, ui, *controller, o.scale, headless || settling);
    if (!o.ui_dump.empty()) WriteUiDump(o.ui_dump, DescribeUi(ui, *controller), dumped);
    if (controller->status() != status_shown) {  // "saved P: kafkasim run gives trace_hash=H PASS", faults added
      status_shown = controller->status();
      std::printf("kafkasim-viz: %s\n", status_shown.c_str());
      std::fflush(stdout);
    }
    MaybeShootAfterFaults(w, o, *controller, shot_countdown);
    if (ui.fullscreen_request) {
      ui.fullscreen_request = false;
      ToggleFullscreen(w, restore);
      ui.relayout_all = true;
    }
    if (!ui.open_request.empty()) OpenRequested(ui, o, controller);
    if (headless && frame + 1 >= last_frame) {
      std::string why;
      if (!o.screenshot.empty()) {
        int fw = 0, fh = 0;
        glfwGetFramebufferSize(w, &fw, &fh);
        why = WriteFramebufferPng(o.screenshot, fw, fh);
        if (why.empty() && !o.state_out.empty()) {
          std::string messages;
          DescribeMessages(controller->sim(), ui.messages, ui.message_filter, messages);
          why = WriteText(o.state_out, DescribeViewModel(ui.view) + messages + DescribeLayout() + "status " +
                                           controller->status() + "\n");
        }
        if (why.empty())
          std::printf("kafkasim-viz: wrote %s (%dx%d) at t=%s\n", o.screenshot.c_str(), fw, fh,
                      FormatSeconds(controller->sim().now()).c_str());
      }
      if (!why.empty()) std::fprintf(stderr, "kafkasim-viz: %s\n", why.c_str());
      if (o.bench_frames > 0) {
        glFinish();
        const ImGuiIO& io = ImGui::GetIO();
        // Where the vertices are: per window, for docs/performance.md.
        if (const ImDrawData* dd = ImGui::GetDrawData()) {
          std::string by = "kafkasim-viz: vertices by window:";
          for (int i = 0; i < dd->CmdListsCount; ++i) {
            const ImDrawList* l = dd->CmdLists[i];
            if (l->VtxBuffer.Size > 0)
              by += std::string(" ") + (l->_OwnerName ? l->_OwnerName : "?") + "=" + std::to_string(l->VtxBuffer.Size);
          }
          std::printf("%s\n", by.c_str());
        }
        std::printf(
            "kafkasim-viz: played to t=%s; last frame: %d vertices, %d windows\nframes=%d cpu_ms_per_frame=%.2f\n",
            FormatSeconds(controller->sim().now()).c_str(), io.MetricsRenderVertices, io.MetricsRenderWindows,
            o.bench_frames, (CpuMs() - bench_start_ms) / o.bench_frames);
      }
      status = why.empty() ? kExitOk : 1;
      break;
    }
    glfwSwapBuffers(w);
  }
  if (!headless)
    std::printf("kafkasim-viz: t=%s seed=%llu hand_faults=%zu trace_hash=%s\n",
                FormatSeconds(controller->sim().now()).c_str(), static_cast<unsigned long long>(controller->seed()),
                controller->hand_faults().size(), sim::Trace::HashHex(controller->trace_hash()).c_str());
  ShutdownImGui(w);
  return status;
}

}  // namespace kafkasim::viz
